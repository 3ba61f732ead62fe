using System.Diagnostics;
using Otto.Git;

namespace Otto.Agents;

/// <summary>
/// `sandbox: bwrap`: the agent's argv is run under bubblewrap, and what the agent sees is decided here.
/// Later mounts shadow earlier ones, so the order is the rule: the whole system read-only, a private /dev
/// and /proc, /tmp writable as for any program (tools need it, and an agent's own program may live there),
/// the user's checkout read-only, then read-write what the agent must write (the git
/// object store its worktree needs, its worktree, its attempt folder, the agent CLIs' own state in the home
/// folder), with the checkout's `.otto/` replaced by an empty folder so no run folder is in sight. The
/// network is shared: CLI agents talk to their APIs. A new pid namespace gives a /proc that shows only the
/// sandbox (the host's would lead into the run folder through /proc/PID/cwd), and everything in it ends
/// with the agent.
/// </summary>
public static class Bubblewrap
{
    public const string Binary = "bwrap";

    /// <summary>What the agent CLIs keep between runs (logins, sessions, caches): writable when present.</summary>
    private static readonly string[] CliState = [".claude", ".claude.json", ".codex", ".gemini", ".cache"];

    /// <summary>The options every sandbox starts with; `otto doctor` and run creation try them with `true`.</summary>
    private static readonly string[] Base = ["--die-with-parent", "--unshare-pid", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "--bind", "/tmp", "/tmp"];

    public static IReadOnlyList<string> Wrap(AgentRequest request, IReadOnlyList<string> argv)
    {
        var checkout = Path.GetFullPath(request.RepoRoot);
        var gitDir = GitCommonDir(checkout);
        var args = new List<string> { Binary };
        args.AddRange(Base);
        args.AddRange(["--ro-bind", checkout, checkout]);
        args.AddRange(["--bind", gitDir, gitDir]);
        args.AddRange(["--tmpfs", Path.Combine(checkout, ".otto")]);
        if (Environment.GetEnvironmentVariable("HOME") is { Length: > 1 } home)
        {
            foreach (var name in CliState.Select(n => Path.Combine(home, n)).Where(p => File.Exists(p) || Directory.Exists(p)))
                args.AddRange(["--bind", name, name]);
        }
        args.AddRange(["--bind", request.Worktree, request.Worktree]);
        args.AddRange(["--bind", request.Files.Dir, request.Files.Dir]);
        args.AddRange(["--chdir", request.Worktree, "--"]);
        args.AddRange(argv);
        return args;
    }

    /// <summary>Whether bubblewrap works here (it may be missing, or a container may forbid the namespaces
    /// it needs): found by running it, and the reason when it does not.</summary>
    public static (bool Works, string Detail) Probe()
    {
        if (Engine.Executables.Find(Binary) is not { } path) return (false, "bwrap is not installed");
        var info = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in Base.Append("true")) info.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start bwrap");
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
                return (false, $"{path} did not finish a trial run within 20s");
            }
            var error = stderr.GetAwaiter().GetResult().Trim();
            return process.ExitCode == 0
                ? (true, $"{path} works here")
                : (false, $"{path} fails here: {(error.Length > 0 ? error : $"exit code {process.ExitCode}")}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (false, $"{path} could not be started: {e.Message}");
        }
    }

    private static string GitCommonDir(string checkout)
    {
        var result = GitCli.Run(checkout, "rev-parse", "--path-format=absolute", "--git-common-dir");
        return result.Ok ? result.Stdout.Trim() : Path.Combine(checkout, ".git");
    }
}
