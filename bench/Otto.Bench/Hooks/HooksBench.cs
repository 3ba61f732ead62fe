using System.Globalization;
using Otto.Bench.Support;

namespace Otto.Bench.Hooks;

/// <summary>
/// What otto's git hooks cost (issue 10). (1) In the user's own checkout: `git commit` in a repository
/// with otto's hooks installed against an identical one without, in interleaved rounds (aim: ratio
/// &lt;= 1.05): installed for task worktrees (the default: nothing of otto's runs there), and `--shared`
/// (sh shims decide "no task worktree" and chain, starting no .NET). (2) In a task worktree: `otto hook
/// pre-commit` on a staged change, against `otto --version` (aim: &lt;= 100 ms), and a whole agent commit
/// there (pre-commit, commit-msg and reference-transaction each start otto).
/// </summary>
public static class HooksBench
{
    private const string RunId = "20261128-120000-beef";

    public static IEnumerable<SummaryRow> Run(BenchArgs args, TextWriter log)
    {
        var rounds = args.Int("rounds", 40);
        var files = args.Int("files", 1000);
        using var env = BenchEnv.Create(args, "hooks");
        log.WriteLine($"== hooks: {files} files, {rounds} rounds, otto {env.Otto}; {MachineLoad.Describe()}");

        var rows = new List<SummaryRow>();
        var plain = SampleRepo.Create(env.Dir("plain"), files);
        var control = SampleRepo.Create(env.Dir("control"), files);
        var noise = CommitRatio(plain, control, rounds, log, "an identical repository without hooks (A/A control: the noise)");
        rows.Add(new SummaryRow("hooks", "git commit, A/A control: two identical repositories", Summary.Num(noise, "0.000") + "x", "", null));

        var hooked = SampleRepo.Create(env.Dir("hooked"), files);
        Proc.Run(env.Otto, ["hooks", "install"], hooked).EnsureOk("otto hooks install");
        var ratio = CommitRatio(plain, hooked, rounds, log, "otto hooks install (for task worktrees, the default)");
        rows.Add(new SummaryRow("hooks", "git commit, user's checkout: otto's hooks installed / none", Summary.Num(ratio, "0.000") + "x", "<= 1.05x", ratio <= 1.05));

        var shared = SampleRepo.Create(env.Dir("shared"), files);
        Proc.Run(env.Otto, ["hooks", "install", "--shared"], shared).EnsureOk("otto hooks install --shared");
        var ratioShared = CommitRatio(plain, shared, rounds, log, "otto hooks install --shared (sh shims decide, then chain)");
        rows.Add(new SummaryRow("hooks", "same, installed with --shared", Summary.Num(ratioShared, "0.000") + "x", "", null));

        rows.AddRange(InTaskWorktree(env, hooked, rounds, log));
        return rows;
    }

    private static double CommitRatio(string plain, string hooked, int rounds, TextWriter log, string what)
    {
        var times = new Dictionary<string, List<double>> { [plain] = [], [hooked] = [] };
        var cpu = new Dictionary<string, List<double>> { [plain] = [], [hooked] = [] };
        for (var round = -3; round < rounds; round++)
        {
            foreach (var repo in round % 2 == 0 ? new[] { plain, hooked } : [hooked, plain])
            {
                File.AppendAllText(Path.Combine(repo, "src", "module00", "file0000.txt"), $"round {round}\n");
                Proc.Git(repo, "add", "--all");
                var commit = Proc.Run("git", ["commit", "-q", "-m", $"round {round}"], repo).EnsureOk("git commit");
                if (round < 0) continue; // warm-up: page cache, first hook runs
                times[repo].Add(commit.Elapsed.TotalMilliseconds);
                cpu[repo].Add(commit.CpuMs);
            }
        }
        var ratio = Stats.Median(times[hooked]) / Stats.Median(times[plain]);
        log.WriteLine($"git commit without otto's hooks:      {Stats.Describe(times[plain])}; CPU median {Stats.Median(cpu[plain]):0.0} ms");
        log.WriteLine($"git commit, {what}: {Stats.Describe(times[hooked])}; CPU median {Stats.Median(cpu[hooked]):0.0} ms");
        log.WriteLine(FormattableString.Invariant($"ratio with / without: {ratio:0.000}x wall, {Stats.Median(cpu[hooked]) / Stats.Median(cpu[plain]):0.000}x CPU"));
        return ratio;
    }

    private static IEnumerable<SummaryRow> InTaskWorktree(BenchEnv env, string repo, int rounds, TextWriter log)
    {
        var tasks = Enumerable.Range(0, 20).Select(i => string.Create(CultureInfo.InvariantCulture,
            $$"""{"id":"t{{i:00}}","title":"T{{i}}","role":"{{(i == 0 ? "foundation" : "feature")}}","depends_on":[],"owned_paths":["src/module{{i:00}}/**"]}"""));
        var run = Path.Combine(repo, ".otto", "runs", RunId);
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "run.json"), $$"""{"run_id":"{{RunId}}","base_branch":"main"}""");
        File.WriteAllText(Path.Combine(run, "plan-v1.json"), $$"""{"summary":"bench","tasks":[{{string.Join(",", tasks)}}],"shared_files":[],"contracts":[]}""");
        var worktree = Path.Combine(env.Dir("worktrees"), "t03");
        Proc.Git(repo, "worktree", "add", "--quiet", "-b", $"otto/tasks/{RunId}/t03", worktree, "main");
        Proc.Run(env.Otto, ["hooks", "install"], repo).EnsureOk("otto hooks install"); // turns them on in the new task worktree
        for (var i = 0; i < 5; i++) File.AppendAllText(Path.Combine(worktree, "src", "module03", string.Create(CultureInfo.InvariantCulture, $"file{150 + i:0000}.txt")), "changed\n");
        Proc.Git(worktree, "add", "--all");

        var hook = new List<double>();
        var hookCpu = new List<double>();
        var version = new List<double>();
        var versionCpu = new List<double>();
        for (var round = -3; round < rounds; round++)
        {
            var check = Proc.Run(env.Otto, ["hook", "pre-commit"], worktree).EnsureOk("otto hook pre-commit");
            var bare = Proc.Run(env.Otto, ["--version"], worktree).EnsureOk("otto --version");
            if (round < 0) continue;
            hook.Add(check.Elapsed.TotalMilliseconds);
            hookCpu.Add(check.CpuMs);
            version.Add(bare.Elapsed.TotalMilliseconds);
            versionCpu.Add(bare.CpuMs);
        }
        log.WriteLine($"otto hook pre-commit, task worktree, 5 staged files, plan of 20 tasks: {Stats.Describe(hook)}; CPU median {Stats.Median(hookCpu):0.0} ms");
        log.WriteLine($"otto --version, same rounds:                                     {Stats.Describe(version)}; CPU median {Stats.Median(versionCpu):0.0} ms");

        var commits = new List<double>();
        for (var round = 0; round < Math.Max(5, rounds / 4); round++)
        {
            File.AppendAllText(Path.Combine(worktree, "src", "module03", "file0150.txt"), $"round {round}\n");
            Proc.Git(worktree, "add", "--all");
            commits.Add(Proc.Run("git", ["commit", "-q", "-m", "agent commit"], worktree).EnsureOk("git commit in the task worktree").Elapsed.TotalMilliseconds);
        }
        log.WriteLine($"git commit in the task worktree (3 otto starts: pre-commit, commit-msg, reference-transaction): {Stats.Describe(commits)}");
        var median = Stats.Median(hook);
        return
        [
            new SummaryRow("hooks", "otto hook pre-commit in a task worktree, median (CPU)", $"{Summary.Ms(median)} ({Summary.Ms(Stats.Median(hookCpu))})", "<= 100 ms", median <= 100),
            new SummaryRow("hooks", "otto --version, same rounds (CPU)", $"{Summary.Ms(Stats.Median(version))} ({Summary.Ms(Stats.Median(versionCpu))})"),
            new SummaryRow("hooks", "an agent's git commit in a task worktree, median", Summary.Ms(Stats.Median(commits))),
        ];
    }
}
