using System.Diagnostics;

namespace Otto.Bench.Support;

/// <summary>The result of one child process: exit code, output, wall time and CPU time.</summary>
/// <remarks>CpuMs: the child's user + system CPU time, its own children included (see <see cref="ChildCpu"/>).</remarks>
public sealed record ProcResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed, double CpuMs)
{
    public ProcResult EnsureOk(string what) => ExitCode == 0
        ? this
        : throw new InvalidOperationException($"{what} exited {ExitCode}: {Stderr.Trim()}{(Stderr.Length == 0 ? Stdout.Trim() : "")}");
}

/// <summary>Runs child processes with arguments as a list; stdout and stderr are read concurrently.</summary>
public static class Proc
{
    public static ProcessStartInfo Info(string file, IEnumerable<string> args, string? cwd = null, IReadOnlyDictionary<string, string?>? env = null)
    {
        var info = new ProcessStartInfo(file)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = cwd ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        foreach (var (key, value) in env ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }
        return info;
    }

    public static ProcResult Run(string file, IEnumerable<string> args, string? cwd = null, IReadOnlyDictionary<string, string?>? env = null)
    {
        var cpu = ChildCpu.TotalMs();
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(Info(file, args, cwd, env)) ?? throw new InvalidOperationException($"could not start {file}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        clock.Stop();
        return new ProcResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult(), clock.Elapsed, ChildCpu.TotalMs() - cpu);
    }

    public static string Git(string repo, params string[] args) =>
        Run("git", args, repo).EnsureOk("git " + string.Join(' ', args)).Stdout;
}
