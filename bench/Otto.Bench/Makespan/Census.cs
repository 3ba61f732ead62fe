using System.Text.RegularExpressions;
using Otto.Bench.Support;

namespace Otto.Bench.Makespan;

/// <summary>
/// Counts what a whole `otto build` costs in system terms, from an `strace -f` of it: processes started
/// (by program, and git by subcommand) and fsync/fdatasync calls. strace slows everything down, so this
/// is a separate run whose timings are not reported.
/// </summary>
public static partial class Census
{
    [GeneratedRegex("""^\d+\s+execve\("([^"]+)", \[(.*?)\](?:, 0x[0-9a-f]+.*?)?\) = 0""")]
    private static partial Regex Execve();

    [GeneratedRegex("""^\d+\s+(fsync|fdatasync)\(""")]
    private static partial Regex Sync();

    [GeneratedRegex("\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex Quoted();

    public static bool Available() => File.Exists("/usr/bin/strace") || Executable("strace");

    private static bool Executable(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, name)));

    /// <summary>Wraps an argv in strace writing to traceFile.</summary>
    public static (string File, IReadOnlyList<string> Args) Wrap(string file, IEnumerable<string> args, string traceFile) =>
        ("strace", ["-f", "-qq", "-s", "96", "-e", "trace=execve,fsync,fdatasync", "-o", traceFile, file, .. args]);

    /// <returns>The summary row: git processes per task, labelled with <paramref name="label"/>.</returns>
    public static SummaryRow Print(string traceFile, int tasks, TextWriter log, string label)
    {
        var programs = new Dictionary<string, int>(StringComparer.Ordinal);
        var git = new Dictionary<string, int>(StringComparer.Ordinal);
        var syncs = 0;
        foreach (var line in File.ReadLines(traceFile))
        {
            if (Sync().IsMatch(line))
            {
                syncs++;
                continue;
            }
            var match = Execve().Match(line);
            if (!match.Success) continue;
            var program = Path.GetFileName(match.Groups[1].Value);
            programs[program] = programs.GetValueOrDefault(program) + 1;
            if (program != "git") continue;
            var argv = Quoted().Matches(match.Groups[2].Value).Select(m => m.Groups[1].Value).Skip(1).ToList();
            var sub = Subcommand(argv);
            git[sub] = git.GetValueOrDefault(sub) + 1;
        }
        var execs = programs.Values.Sum();
        log.WriteLine($"  census of one build (strace -f; its timings are not used): {execs} processes started ({execs / (double)tasks:0.0} per task), "
            + $"{git.Values.Sum()} of them git ({git.Values.Sum() / (double)tasks:0.0} per task), {syncs} fsync/fdatasync ({syncs / (double)tasks:0.0} per task)");
        log.WriteLine("    programs: " + string.Join(", ", programs.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}")));
        log.WriteLine("    git:      " + string.Join(", ", git.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}")));
        return new SummaryRow("makespan", $"git processes per task ({label})", $"{git.Values.Sum() / (double)tasks:0.0} ({git.Values.Sum()} in all)");
    }

    private static string Subcommand(IReadOnlyList<string> argv)
    {
        for (var i = 0; i < argv.Count; i++)
        {
            if (argv[i] is "-c" or "-C") i++;
            else if (!argv[i].StartsWith('-')) return argv[i] + (argv[i] is "rev-parse" or "worktree" && i + 1 < argv.Count ? " " + argv[i + 1] : "");
        }
        return "(none)";
    }
}
