using System.Globalization;
using Otto.Bench.Support;
using Otto.Execution;
using Otto.Git;
using Otto.Runs;

namespace Otto.Bench.Makespan;

/// <summary>
/// Issue 4: how close does `otto build` get to the ideal schedule? A seeded 40-task graph of scripted
/// agents with fixed durations, on a 1,000-file repository, verify `true`, at concurrency 1, 2, 4, 8.
/// Efficiency = max(critical path, work / concurrency) / makespan; overhead per task = (task_claimed ->
/// task_merged) - the agent's sleep. Then where the time goes, step by step, per concurrency.
/// </summary>
public static class MakespanBench
{
    public const double EfficiencyAim = 0.90;

    /// <summary>Issue 13's aims at 4-way: within 5% of the zero-overhead greedy schedule of the same graph,
    /// and per task overhead median <= 60 ms, mean <= 80 ms.</summary>
    public const double GreedyAim = 0.95;
    public const double OverheadMedianAimMs = 60;
    public const double OverheadMeanAimMs = 80;

    public static IEnumerable<SummaryRow> Run(BenchArgs args, TextWriter log)
    {
        var taskCount = args.Int("tasks", 40);
        var seed = args.Int("seed", 4);
        var files = args.Int("files", 1000);
        var minSleep = double.Parse(args.String("min-sleep") ?? "0.5", CultureInfo.InvariantCulture);
        var maxSleep = double.Parse(args.String("max-sleep") ?? "2.0", CultureInfo.InvariantCulture);
        var levels = args.Ints("concurrency", [1, 2, 4, 8]);
        var census = args.Flag("git-census");
        // A project's own checks take time; `--verify "sleep 0.3"` shows what overlapping them with the next agent gains.
        var verify = args.String("verify") ?? "true";
        var graph = WorkGraph.Generate(taskCount, seed, maxWidth: 8, minSleep, maxSleep);
        if (args.Flag("graph-only")) return GraphOnly(graph, seed, levels, log);
        using var env = BenchEnv.Create(args, "makespan");

        log.WriteLine($"makespan: otto = {env.Otto}");
        log.WriteLine($"  graph (seed {seed}): {graph.Tasks.Count} tasks in {graph.Layers} layers (widest {graph.MaxWidth}), "
            + $"total work {graph.TotalWork:0.0} s, critical path {graph.CriticalPath:0.0} s, repo of {files} files, verify `{verify}`");
        var repo = SampleRepo.Create(env.Dir("repo"), files, new Dictionary<string, string>
        {
            ["otto.yaml"] = ScenarioFile.OttoYaml(Math.Max(40, taskCount), verify),
            [ScenarioFile.Name] = ScenarioFile.Scenario(graph),
        });

        var rows = new List<SummaryRow>();
        var pool = WorktreePool.Dir(WorktreeLayout.RootFor(repo, null));
        foreach (var concurrency in levels)
        {
            var pooled = WorktreePool.Slots(Path.GetDirectoryName(pool)!).Count;
            var (timeline, wall) = Build(env, repo, concurrency, $"makespan at concurrency {concurrency}", traceFile: null);
            var bound = graph.LowerBound(concurrency);
            var greedy = graph.GreedySchedule(concurrency);
            var efficiency = bound / timeline.MakespanS;
            var overheads = timeline.Tasks.Select(t => Breakdown.OverheadMs(t, graph)).ToList();
            var overhead = Stats.Mean(overheads);
            var overheadMedian = Stats.Median(overheads);
            log.WriteLine();
            log.WriteLine($"  concurrency {concurrency}: {timeline.Status}, {timeline.Tasks.Count} tasks merged, {pooled} idle worktree(s) in the pool at start "
                + $"({(pooled == 0 ? "cold" : "warm")}), git back-end {Environment.GetEnvironmentVariable(GitBackend.Variable) ?? "default"} ({MachineLoad.Describe()})");
            log.WriteLine($"    makespan (run_started -> run_finished)  {timeline.MakespanS,7:0.00} s   (otto build wall clock {wall:0.00} s)");
            log.WriteLine($"    execute phase (first claim -> last merge) {timeline.ExecuteS,7:0.00} s");
            log.WriteLine($"    lower bound max(cp {graph.CriticalPath:0.0}, work/c {graph.TotalWork / concurrency:0.0})  {bound,7:0.00} s;  zero-overhead greedy schedule {greedy:0.00} s");
            log.WriteLine($"    efficiency bound/makespan {efficiency:0.000}  (execute phase {bound / timeline.ExecuteS:0.000}; greedy/makespan {greedy / timeline.MakespanS:0.000})");
            log.WriteLine($"    overhead per task (claimed -> merged, minus sleep): mean {overhead:0} ms");
            Breakdown.Print(timeline, graph, log);
            // The first tasks to start are the ones that wait for checkouts (later ones take over merged tasks' worktrees).
            var firstLayer = timeline.Tasks.OrderBy(t => t.Claimed).Take(concurrency + 1).Select(Breakdown.WorktreeWaitMs).ToList();
            log.WriteLine($"    first {firstLayer.Count} tasks claimed: claimed -> worktree ready mean {Stats.Mean(firstLayer):0} ms, max {firstLayer.DefaultIfEmpty(double.NaN).Max():0} ms");
            rows.Add(new SummaryRow("makespan", $"c={concurrency} makespan / bound", $"{timeline.MakespanS:0.00} s / {bound:0.00} s"));
            rows.Add(new SummaryRow("makespan", $"c={concurrency} efficiency", Summary.Num(efficiency, "0.000"),
                concurrency == 4 ? $">= {EfficiencyAim:0.00}" : "", concurrency == 4 ? efficiency >= EfficiencyAim : null));
            rows.Add(new SummaryRow("makespan", $"c={concurrency} greedy/makespan", Summary.Num(greedy / timeline.MakespanS, "0.000"),
                concurrency == 4 ? $">= {GreedyAim:0.00}" : "", concurrency == 4 ? greedy / timeline.MakespanS >= GreedyAim : null));
            rows.Add(new SummaryRow("makespan", $"c={concurrency} overhead per task, median", $"{overheadMedian:0} ms", $"<= {OverheadMedianAimMs:0} ms", overheadMedian <= OverheadMedianAimMs));
            rows.Add(new SummaryRow("makespan", $"c={concurrency} overhead per task, mean", $"{overhead:0} ms", $"<= {OverheadMeanAimMs:0} ms", overhead <= OverheadMeanAimMs));
            rows.Add(new SummaryRow("makespan", $"c={concurrency} first layer worktree wait (max)", $"{firstLayer.DefaultIfEmpty(double.NaN).Max():0} ms ({(pooled == 0 ? "cold" : "warm")})"));
        }

        if (census)
        {
            if (!Census.Available()) log.WriteLine("  census skipped: strace is not installed");
            else
            {
                // One traced build per git back-end (the same build, warm pool): which git processes libgit2 saves.
                foreach (var backend in new[] { "cli", "libgit2" })
                {
                    var trace = Path.Combine(env.Root, $"census-{backend}.strace");
                    log.WriteLine();
                    log.WriteLine($"  {GitBackend.Variable}={backend}:");
                    Build(env, repo, 4, "census", trace, new Dictionary<string, string?> { [GitBackend.Variable] = backend });
                    rows.Add(Census.Print(trace, taskCount, log, backend));
                }
            }
        }
        return rows;
    }

    /// <summary>--graph-only: the graph and its ideal figures, without running otto.</summary>
    private static List<SummaryRow> GraphOnly(WorkGraph graph, int seed, IReadOnlyList<int> levels, TextWriter log)
    {
        log.WriteLine($"makespan graph (seed {seed}): {graph.Tasks.Count} tasks in {graph.Layers} layers (widest {graph.MaxWidth}), "
            + $"total work {graph.TotalWork:0.0} s, critical path {graph.CriticalPath:0.0} s");
        foreach (var task in graph.Tasks)
            log.WriteLine($"  {task.Id,-12} layer {task.Layer}  sleep {task.SleepS:0.0} s  after {string.Join(", ", task.DependsOn)}");
        var rows = new List<SummaryRow>();
        foreach (var c in levels)
        {
            var (bound, greedy) = (graph.LowerBound(c), graph.GreedySchedule(c));
            log.WriteLine($"  concurrency {c}: lower bound {bound:0.00} s, zero-overhead greedy schedule {greedy:0.00} s, best possible efficiency of otto's order {bound / greedy:0.000}");
            var (foresight, random) = (graph.ForesightSchedule(c), graph.BestRandomSchedule(c, tries: 20_000, seed));
            log.WriteLine($"    for comparison, zero overhead: ordered by remaining duration (known in advance) {foresight:0.00} s ({bound / foresight:0.000}); "
                + $"best of 20,000 random orders {random:0.00} s ({bound / random:0.000})");
            rows.Add(new SummaryRow("makespan", $"seed {seed} c={c} bound / greedy", $"{bound:0.00} s / {greedy:0.00} s = {bound / greedy:0.000}"));
        }
        return rows;
    }

    internal static (RunTimeline Timeline, double WallS) Build(BenchEnv env, string repo, int concurrency, string what, string? traceFile,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        string[] argv = ["build", "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture), $"benchmark graph ({what})"];
        var (file, args) = traceFile is null ? (env.Otto, (IReadOnlyList<string>)argv) : Census.Wrap(env.Otto, argv, traceFile);
        var result = Proc.Run(file, args, repo, environment);
        var home = new OttoHome(repo);
        var runId = RunCatalog.Ids(home).FirstOrDefault() ?? throw new InvalidOperationException($"otto build left no run: {result.Stderr}");
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"otto build ({what}) exited {result.ExitCode}; see {home.Run(runId).Dir}:\n{Tail(result.Stderr)}");
        return (RunTimeline.Read(home.Run(runId)), result.Elapsed.TotalSeconds);
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(30));
}
