using System.Diagnostics;
using Otto.Bench.Support;
using Otto.Runs;

namespace Otto.Bench.Status;

/// <summary>
/// Issue 13: how fast is a run's log read and folded without state.json? In-process, after a warm-up
/// round (so JIT is paid), each step of <see cref="RunJournal"/>'s first read timed alone over the whole
/// log: reading the bytes, checking every line's seal (HMAC), parsing the events, folding them; then the
/// whole read as `otto status` does it, and state.json's load for comparison. Figures are events/s of
/// the median round. Uses a synthetic run (see <see cref="SyntheticRun"/>) or `--run DIR`.
/// </summary>
public static class FoldBench
{
    public const double Aim = 500_000;

    public static IEnumerable<SummaryRow> Run(BenchArgs args, TextWriter log)
    {
        var rounds = args.Int("rounds", 15);
        using var env = BenchEnv.Create(args, "fold");
        RunPaths paths;
        if (args.String("run") is { } dir)
        {
            paths = new RunPaths(Path.GetFullPath(dir));
        }
        else
        {
            var repo = SampleRepo.Create(env.Dir("repo"), files: 20);
            paths = SyntheticRun.Create(repo, Path.Combine(env.Root, "worktrees"), args.Int("tasks", 200), args.Int("events", 20_000), args.Int("seed", 2), log);
        }
        log.WriteLine($"fold: {paths.Events} ({new FileInfo(paths.Events).Length / 1024.0 / 1024:0.0} MB), {rounds} rounds ({MachineLoad.Describe()})");
        var steps = FoldSteps.For(paths, env.Dir("bare"));
        var count = steps.Count;
        var times = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        for (var round = 0; round <= rounds; round++)
        {
            foreach (var (name, action) in steps.All)
            {
                // Each step starts from a collected heap, as a new `otto status` would, rather than paying for
                // the garbage of the step before it (the background GC takes the second core).
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var clock = Stopwatch.StartNew();
                action();
                var ms = clock.Elapsed.TotalMilliseconds;
                if (round == 0) continue; // the warm-up round pays JIT
                if (!times.TryGetValue(name, out var list)) times[name] = list = [];
                list.Add(ms);
            }
        }
        log.WriteLine($"  after {rounds} rounds: {MachineLoad.Describe()}");
        var rows = new List<SummaryRow>();
        foreach (var (name, _) in steps.All)
        {
            var median = Stats.Median(times[name]);
            var rate = count / (median / 1000);
            log.WriteLine($"    {name,-44} {Stats.Describe(times[name])}  = {rate,12:#,0} events/s");
            var isWhole = name == FoldSteps.Whole;
            rows.Add(new SummaryRow("fold", name, $"{Summary.Ms(median)} = {rate:#,0} events/s", isWhole ? $">= {Aim:#,0}/s" : "", isWhole ? rate >= Aim : null));
        }
        return rows;
    }
}
