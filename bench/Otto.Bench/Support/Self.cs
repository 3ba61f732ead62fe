namespace Otto.Bench.Support;

/// <summary>How to start this benchmark program again as a child (for probes that need a fresh process).</summary>
public static class Self
{
    public static (string File, IReadOnlyList<string> Args) Command(params string[] args)
    {
        var process = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, [typeof(Self).Assembly.Location, .. args])
            : (process, args);
    }

    public static ProcResult Run(string cwd, params string[] args)
    {
        var (file, argv) = Command(args);
        return Proc.Run(file, argv, cwd);
    }
}
