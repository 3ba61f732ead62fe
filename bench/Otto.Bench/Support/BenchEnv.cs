namespace Otto.Bench.Support;

/// <summary>
/// Where a benchmark works: a temp folder (deleted at the end unless --keep), git isolated from the
/// machine's config, otto's worktrees under a private XDG_STATE_HOME, plain output; and which `otto`
/// executable to measure (--otto PATH, else $OTTO_BIN, else the Release apphost of this checkout).
/// </summary>
public sealed class BenchEnv : IDisposable
{
    private readonly bool _keep;

    private BenchEnv(string root, string otto, bool keep)
    {
        Root = root;
        Otto = otto;
        _keep = keep;
    }

    public string Root { get; }

    /// <summary>The `otto` apphost being measured.</summary>
    public string Otto { get; }

    public static BenchEnv Create(BenchArgs args, string name)
    {
        var otto = LocateOtto(args.String("otto"));
        var parent = Path.GetFullPath(args.String("tmp") ?? Path.GetTempPath());
        var root = Path.Combine(parent, $"otto-bench-{name}-{Environment.ProcessId}-{Random.Shared.Next(0x10000):x4}");
        Directory.CreateDirectory(root);
        var state = Path.Combine(root, "xdg-state");
        Directory.CreateDirectory(state);
        // Every child (otto, git, agents) inherits these.
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", state);
        Environment.SetEnvironmentVariable("GIT_CONFIG_GLOBAL", "/dev/null");
        Environment.SetEnvironmentVariable("GIT_CONFIG_NOSYSTEM", "1");
        Environment.SetEnvironmentVariable("OTTO_PLAIN", "1");
        Environment.SetEnvironmentVariable("NO_COLOR", "1");
        return new BenchEnv(root, otto, args.Flag("keep"));
    }

    public string Dir(string name)
    {
        var dir = Path.Combine(Root, name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static string LocateOtto(string? given)
    {
        given ??= Environment.GetEnvironmentVariable("OTTO_BIN");
        if (given is not null)
            return File.Exists(given) ? Path.GetFullPath(given) : throw new FileNotFoundException($"--otto {given}: no such file");
        var checkout = FindCheckout();
        foreach (var configuration in new[] { "Release", "Debug" })
        {
            var candidate = Path.Combine(checkout, "src", "Otto.Cli", "bin", configuration, "net10.0", "otto");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"no otto apphost under {checkout}/src/Otto.Cli/bin; build first: dotnet build -c Release GitOtto.sln");
    }

    public static string FindCheckout()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GitOtto.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException($"GitOtto.sln not found above {AppContext.BaseDirectory}; pass --otto PATH");
    }

    public void Dispose()
    {
        if (_keep)
        {
            Console.WriteLine($"kept: {Root}");
            return;
        }
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.WriteLine($"note: could not remove {Root}: {e.Message}");
        }
    }
}
