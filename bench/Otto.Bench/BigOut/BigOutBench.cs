using System.Diagnostics;
using System.Globalization;
using Otto.Bench.Support;
using Otto.Runs;

namespace Otto.Bench.BigOut;

/// <summary>
/// Issue 3, memory: does the driver stay small while an agent writes a huge stdout? Each case runs a
/// real `otto build` of one task whose agent prints a lot, and watches the otto process's peak resident
/// set (VmHWM). Cases: a small baseline; 1 GB in short lines (command provider); one long line without
/// a newline (command provider; smaller, since a line is read whole); many lines from the scripted agent
/// (whose result reader buffers lines). Also how long otto took from the agent's exit to attempt_finished
/// (redaction and reading of stdout.log happen there).
/// </summary>
public static class BigOutBench
{
    public const double AimMb = 200;

    private sealed record Case(string Name, string Provider, string Script, long Bytes);

    public static IEnumerable<SummaryRow> Run(BenchArgs args, TextWriter log)
    {
        var mb = args.Long("mb", 1024);
        var lineBytes = args.Int("line-bytes", 100);
        var longLineMb = args.Long("long-line-mb", 64);
        var scriptedMb = args.Long("scripted-mb", 64);
        var poll = TimeSpan.FromMilliseconds(args.Int("poll-ms", 20));
        using var env = BenchEnv.Create(args, "bigout");
        log.WriteLine($"bigout: otto = {env.Otto} ({MachineLoad.Describe()})");
        var line = new string('x', lineBytes - 1);
        Case[] cases =
        [
            new("baseline: 1 MB in lines (command)", "command", Lines(line, 1L << 20), 1L << 20),
            new($"{mb} MB in {lineBytes}-byte lines (command)", "command", Lines(line, mb << 20), mb << 20),
            new($"{longLineMb} MB in one line, no newline (command)", "command", $"head -c {longLineMb << 20} /dev/zero | tr '\\0' x", longLineMb << 20),
            new($"{scriptedMb} MB in {lineBytes}-byte lines (scripted)", "scripted", Lines(line, scriptedMb << 20), scriptedMb << 20),
        ];
        var rows = new List<SummaryRow>();
        var index = 0;
        foreach (var c in cases)
        {
            var repo = SampleRepo.Create(env.Dir($"repo{++index}"), files: 5, BigOutRepo.Files(c.Provider, c.Script));
            var (probe, wall, exit) = Build(env.Otto, repo, poll);
            var paths = new OttoHome(repo).Run(RunCatalog.Ids(new OttoHome(repo)).First());
            var (stdoutBytes, postExit) = AgentFacts(paths);
            var peakMb = probe.PeakHwmKb / 1024.0;
            log.WriteLine($"  {c.Name,-48} exit {exit}, peak VmHWM {peakMb,7:0.0} MB (max VmRSS seen {probe.PeakRssKb / 1024.0:0.0} MB, {probe.Polls} polls), "
                + $"stdout.log {stdoutBytes / 1048576.0:0.0} MB, agent exit -> attempt_finished {postExit:0.00} s, build {wall:0.0} s");
            if (stdoutBytes < c.Bytes * 0.99) log.WriteLine($"    note: expected {c.Bytes / 1048576.0:0} MB of stdout");
            rows.Add(new SummaryRow("bigout", c.Name + ": peak memory", $"{peakMb:0} MB", $"< {AimMb:0} MB", peakMb < AimMb));
            rows.Add(new SummaryRow("bigout", c.Name + ": exit -> attempt_finished", $"{postExit:0.00} s"));
            Cleanup(repo, paths);
        }
        return rows;
    }

    /// <summary>A shell pipeline printing whole `line`s, `bytes` bytes at most (a cut last line would glue
    /// itself to whatever the agent prints next).</summary>
    private static string Lines(string line, long bytes) =>
        $"yes '{line}' | head -c {(bytes / (line.Length + 1) * (line.Length + 1)).ToString(CultureInfo.InvariantCulture)}";

    private static (MemoryProbe Probe, double WallS, int Exit) Build(string otto, string repo, TimeSpan poll)
    {
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(Proc.Info(otto, ["build", "print a lot"], repo))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var probe = MemoryProbe.Watch(process, poll);
        process.WaitForExit();
        _ = stdout.GetAwaiter().GetResult();
        var err = stderr.GetAwaiter().GetResult();
        if (process.ExitCode != 0) Console.WriteLine($"    otto build exited {process.ExitCode}:\n      " + string.Join("\n      ", err.Split('\n').TakeLast(12)));
        return (probe, clock.Elapsed.TotalSeconds, process.ExitCode);
    }

    /// <summary>The attempt's stdout size and the time from the agent's exit to attempt_finished.</summary>
    private static (long StdoutBytes, double PostExitS) AgentFacts(RunPaths paths)
    {
        var events = new EventLog(paths.Events).ReadAll();
        var started = events.FirstOrDefault(e => e.Body is AttemptStarted);
        var finished = events.FirstOrDefault(e => e.Body is AttemptFinished)?.Body as AttemptFinished;
        var stdout = new FileInfo(Path.Combine(paths.AttemptDir(BigOutRepo.TaskId, 1), "stdout.log"));
        if (started is null || finished is null) return (stdout.Exists ? stdout.Length : 0, double.NaN);
        var finishedAt = events.First(e => e.Body is AttemptFinished).Ts;
        var exit = started.Ts.AddSeconds(finished.DurationS);
        return (stdout.Exists ? stdout.Length : 0, (finishedAt - exit).TotalSeconds);
    }

    /// <summary>Frees the disk (the big logs) before the next case.</summary>
    private static void Cleanup(string repo, RunPaths paths)
    {
        foreach (var log in Directory.EnumerateFiles(paths.Dir, "*.log", SearchOption.AllDirectories)) File.Delete(log);
        _ = repo;
    }
}
