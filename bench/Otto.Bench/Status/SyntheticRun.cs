using System.Diagnostics;
using System.Text.Json;
using Otto.Config;
using Otto.Events;
using Otto.Runs;

namespace Otto.Bench.Status;

/// <summary>
/// Writes a synthetic run folder into a repository exactly as otto would: the id reserved by
/// <see cref="RunId"/>, run.json from <see cref="RunInfo"/>, plan-v1.json, and every event appended through
/// <see cref="RunJournal"/> (run lock, seq, fsync, state.json refreshed on its own schedule), with a
/// simulated clock so timestamps spread like a long run's. state.json is brought up to date at the end.
/// </summary>
public static class SyntheticRun
{
    public static RunPaths Create(string repoRoot, string worktreeRoot, int taskCount, int eventCount, int seed, TextWriter log)
    {
        var random = new Random(seed);
        var clock = DateTimeOffset.UtcNow.AddDays(-1);
        var home = new OttoHome(repoRoot);
        var runId = RunId.Reserve(home.RunsDir, clock);
        var paths = home.Run(runId);
        var baseSha = Support.Proc.Git(repoRoot, "rev-parse", "HEAD").Trim();
        Support.Proc.Git(repoRoot, "branch", "otto/" + runId, baseSha);

        var info = new RunInfo
        {
            RunId = runId,
            Intent = "build the whole platform from the spec in docs/spec.md",
            CreatedAt = clock,
            BaseBranch = "main",
            BaseSha = baseSha,
            IntegrationBranch = "otto/" + runId,
            RepoRoot = repoRoot,
            WorktreeRoot = worktreeRoot,
            Config = new OttoConfig
            {
                Concurrency = 8,
                Verify = new VerifyConfig { Commands = [new VerifyCommand { Run = "dotnet test" }] },
                Limits = new LimitsConfig { MaxTasks = taskCount, MaxAttempts = 100 },
            },
            OttoVersion = OttoVersion.Current,
        };
        EventSeal.CreateKey(paths.Dir); // as RunCreator does: run.json and every line are sealed, and readers check them
        File.WriteAllBytes(paths.RunJson, RunInfo.Sealed(info.ToJson(), paths));
        // As RunCreator does: .otto/ kept out of git status, and the checkout recorded (a run made with a key
        // always has the record; without it, status reports it altered).
        Otto.Engine.ExcludeFile.Ensure(new Otto.Git.GitRepo(repoRoot));
        Otto.Reporting.CheckoutWatch.RecordStart(new Otto.Git.GitRepo(repoRoot), paths);

        var tasks = SyntheticPlan.Tasks(taskCount, random);
        File.WriteAllText(paths.Plan(1), SyntheticPlan.Document(tasks).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");

        var journal = new RunJournal(paths) { Clock = () => clock };
        var timer = Stopwatch.StartNew();
        var commits = 0;
        foreach (var commit in new SyntheticEvents(random, runId, baseSha).All(tasks, eventCount))
        {
            clock = clock.AddMilliseconds(random.Next(100, 6_000));
            journal.Append(commit);
            commits++;
        }
        journal.SaveCache();
        var state = journal.Read();
        log.WriteLine($"  synthetic run {runId}: {state.Tasks.Count} tasks, {state.Seq} events in {commits} commits, "
            + $"events.ndjson {new FileInfo(paths.Events).Length / 1024.0 / 1024:0.0} MB, state.json {new FileInfo(paths.State).Length / 1024.0:0} KB, "
            + $"written in {timer.Elapsed.TotalSeconds:0.0} s");
        if (state.Seq != eventCount) throw new InvalidOperationException($"expected {eventCount} events, the log holds {state.Seq}");
        return paths;
    }
}
