using Otto.Bench.Support;

namespace Otto.Bench.Makespan;

/// <summary>
/// Issue 13: the same 8 independent 3-second tasks at concurrency 1 and 4, in one repository (the second
/// run finds the first one's pooled worktree). Ideal speedup 4; aim >= 3.3, what otto's fixed stages
/// (classify, plan, the final check) and per-task overhead leave of it. Both the whole run's and the
/// execute phase's speedup are printed.
/// </summary>
public static class SpeedupBench
{
    public const double Aim = 3.3;

    public static IEnumerable<SummaryRow> Run(BenchArgs args, TextWriter log)
    {
        var count = args.Int("tasks", 8);
        var sleep = args.Int("sleep", 3);
        var files = args.Int("files", 1000);
        var graph = new WorkGraph([.. Enumerable.Range(1, count).Select(i => new GraphTask($"t{i:00}-independent", 0, [], sleep))]);
        using var env = BenchEnv.Create(args, "speedup");
        log.WriteLine($"speedup: otto = {env.Otto}");
        log.WriteLine($"  {count} independent tasks of {sleep} s each, repo of {files} files, verify `true`");
        var repo = SampleRepo.Create(env.Dir("repo"), files, new Dictionary<string, string>
        {
            ["otto.yaml"] = ScenarioFile.OttoYaml(Math.Max(40, count)),
            [ScenarioFile.Name] = ScenarioFile.Scenario(graph),
        });

        var (one, _) = MakespanBench.Build(env, repo, 1, "speedup at concurrency 1", traceFile: null);
        var (four, _) = MakespanBench.Build(env, repo, 4, "speedup at concurrency 4", traceFile: null);
        var speedup = one.MakespanS / four.MakespanS;
        var executeSpeedup = one.ExecuteS / four.ExecuteS;
        log.WriteLine($"  concurrency 1: makespan {one.MakespanS:0.00} s (execute phase {one.ExecuteS:0.00} s; ideal {count * sleep:0.0} s) ({MachineLoad.Describe()})");
        log.WriteLine($"  concurrency 4: makespan {four.MakespanS:0.00} s (execute phase {four.ExecuteS:0.00} s; ideal {Math.Ceiling(count / 4.0) * sleep:0.0} s)");
        log.WriteLine($"  speedup {speedup:0.00} (execute phase {executeSpeedup:0.00}); ideal 4");
        return
        [
            new SummaryRow("speedup", "8 x 3 s, c=1 / c=4 makespan", $"{one.MakespanS:0.00} s / {four.MakespanS:0.00} s"),
            new SummaryRow("speedup", "speedup (whole run)", Summary.Num(speedup, "0.00"), $">= {Aim:0.0}", speedup >= Aim),
            new SummaryRow("speedup", "speedup (execute phase)", Summary.Num(executeSpeedup, "0.00")),
        ];
    }
}
