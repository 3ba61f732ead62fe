using Otto.Planning;
using Otto.Runs;
using Otto.Scheduling;
using Otto.Tests.Support;
using Xunit.Abstractions;

namespace Otto.Tests.Scheduling;

/// <summary>
/// Property-style: random task graphs driven by the real decider and recorded by the real writer (the run
/// lock, seq from the log's tail, fsync) while simulated attempts pass, fail, retry, conflict and ask
/// questions in random orders. Whatever happens, the run ends, the log folds to the writer's state, nothing
/// merges twice, no limit is exceeded, and `succeeded` means every task merged and the final check passed.
/// </summary>
public sealed class DeciderSimulationTests(ITestOutputHelper output)
{
    private const int MaxAttempts = 3;

    public static IEnumerable<object[]> Seeds() => Enumerable.Range(1, 40).Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_runs_end_with_a_true_verdict(int seed)
    {
        var random = new Random(seed);
        using var run = new RunFolder(inMemory: true);
        var journal = new RunJournal(run.Paths) { Clock = () => EventStream.Start };
        var tasks = RandomGraph(random);
        journal.Append(new NewEvent(new RunStarted(EventStream.RunId, "simulate", "main", "b0", "otto/sim", false)));
        journal.Append(new NewEvent(PlanEventData.For(EventStream.RunId, new PlanDocument("sim", tasks, [], []), 1, "{}")));
        var policy = SchedulerFixture.Policy(concurrency: random.Next(1, 5), maxAttempts: MaxAttempts, signatureLimit: 2);

        RunStatus? ended = null;
        for (var step = 0; step < 5000 && ended is null; step++)
        {
            IReadOnlyList<Decision> decisions = [];
            journal.Commit(state =>
            {
                decisions = Scheduler.Decide(state, policy, EventStream.Start, new Dictionary<string, ClaimObservation>(), isDriver: true, localSlots: policy.Concurrency);
                CheckDecisions(state, decisions, policy);
                var events = DecisionEvents.For(state, decisions, () => EventStream.Owner("sim-" + random.Next())).Events.ToList();
                if (decisions.OfType<FinishRun>().FirstOrDefault() is { } finish)
                    events.Add(new NewEvent(new RunFinished(finish.Status, finish.Cause, finish.Cause?.Reason)));
                return events;
            });
            var current = journal.Read();
            if (current.IsFinished)
            {
                ended = current.Status;
                break;
            }
            if (decisions.OfType<RunStage>().FirstOrDefault(d => d.Stage == Stage.Integrate) is { } check)
            {
                var passed = random.Next(4) > 0;
                journal.Append(
                    new NewEvent(passed ? new IntegrationVerified(true, "i", []) : new IntegrationVerified(false, "i", [], FailureKind.Verification, "red together", "sig-int")),
                    new NewEvent(new StageFinished(Stage.Integrate, check.Attempt, Ok: true)));
            }
            if (decisions.OfType<WaitForHuman>().FirstOrDefault() is { } wait)
                journal.Append(new NewEvent(new HumanAnswered("go on"), wait.TaskIds[0]));
            var inFlight = current.Tasks.Where(t => t.Claim is not null).ToList();
            if (inFlight.Count > 0) Advance(journal, inFlight[random.Next(inFlight.Count)], random);
        }

        var final = journal.Read();
        output.WriteLine($"seed {seed}: {ended} after {final.Seq} events; " + string.Join(", ", final.Tasks.Select(t => $"{t.Id}={t.Phase}/{t.Attempts}")));
        Assert.NotNull(ended);
        Assert.Equal(StateJsonWriter.Write(run.FoldFromDisk()), StateJsonWriter.Write(final));
        var events = new EventLog(run.Paths.Events).ReadAll();
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Seq));
        foreach (var task in final.Tasks)
        {
            Assert.True(events.Count(e => e.Task == task.Id && e.Body is TaskMerged) <= 1, $"{task.Id} merged twice");
            Assert.True(task.Attempts <= MaxAttempts, $"{task.Id} had {task.Attempts} attempts");
            var claimed = events.Where(e => e.Task == task.Id && e.Body is TaskClaimed).Select(e => e.Attempt).Distinct().Count();
            Assert.Equal(task.Attempts, claimed);
        }
        if (ended == RunStatus.Succeeded)
        {
            Assert.All(final.Tasks, t => Assert.Equal(TaskPhase.Merged, t.Phase));
            Assert.True(final.IntegrationVerified);
        }
        else
        {
            Assert.NotNull(final.Outcome!.Cause);
        }
    }

    /// <summary>What no decision may ever do, whatever the state.</summary>
    private static void CheckDecisions(RunState state, IReadOnlyList<Decision> decisions, SchedulerPolicy policy)
    {
        var starts = decisions.OfType<StartAttempt>().ToList();
        foreach (var start in starts)
        {
            var task = state.Task(start.TaskId)!;
            Assert.True(task.Phase == TaskPhase.Pending && task.Claim is null, $"started {task.Id} in {task.Phase}");
            Assert.All(task.DependsOn, d => Assert.Equal(TaskPhase.Merged, state.Task(d)!.Phase));
            Assert.Equal(task.Attempts + 1, start.Attempt);
        }
        // Agents at work never exceed concurrency (a task past its agent holds none), nor tasks in flight twice that.
        var claimed = state.Tasks.Where(t => t.Claim is not null).ToList();
        Assert.True(claimed.Count(t => t.Step < AttemptStep.Finished) + starts.Count <= policy.Concurrency, "more agents than concurrency");
        Assert.True(claimed.Count + starts.Count <= 2 * policy.Concurrency, "more tasks in flight than twice concurrency");
        Assert.True(decisions.OfType<FinishRun>().Count() <= 1);
        if (decisions.OfType<FinishRun>().FirstOrDefault() is { Status: RunStatus.Succeeded })
        {
            Assert.All(state.Tasks, t => Assert.Equal(TaskPhase.Merged, t.Phase));
            Assert.True(state.IntegrationVerified);
        }
    }

    /// <summary>One step of an attempt, chosen at random where the real one could go several ways.</summary>
    private static void Advance(RunJournal journal, TaskState task, Random random)
    {
        var (id, attempt) = (task.Id, task.Claim!.Attempt);
        NewEvent E(EventBody body) => new(body, id, attempt);
        var events = AttemptSteps.Next(task) switch
        {
            AttemptAction.RunAgent when random.Next(6) == 0 => [E(new AttemptStarted(1, 1, null)), E(new AttemptRetried(task.TransientRetries + 1, "429", 1))],
            AttemptAction.RunAgent => [E(new AttemptStarted(1, 1, null)), E(new AttemptFinished(0, null, 1, null, 0.01m, null, null, null))],
            AttemptAction.Ingest when random.Next(12) == 0 => [E(new StatusIngested(null, "needs_human", null, null)), E(new ChangesCommitted("c", "b", true)), E(new TaskWaiting("which?"))],
            AttemptAction.Ingest => [E(new StatusIngested(".ai/status.json", "success", "ok", null)), E(new ChangesCommitted($"c{attempt}", "b", true))],
            AttemptAction.Verify when random.Next(3) == 0 => [E(new VerifyFinished(false, "test", 1)), E(AttemptFailed.Of(new FailureInfo(FailureKind.Verification, "red", "sig-" + random.Next(3))))],
            AttemptAction.Verify => [E(new VerifyFinished(true))],
            AttemptAction.Integrate when random.Next(8) == 0 => [E(new MergeConflict(["x"], "i", [], Reason: "conflict", Signature: "sig-conflict"))],
            AttemptAction.Integrate => [E(new TaskMerged($"c{attempt}", "i" + id, false))],
            _ => Array.Empty<NewEvent>(),
        };
        journal.Commit(state => state.Task(id)?.Claim?.Attempt == attempt ? events : []);
    }

    private static List<PlanTask> RandomGraph(Random random)
    {
        var tasks = new List<PlanTask>();
        var count = random.Next(2, 8);
        for (var i = 0; i < count; i++)
        {
            var deps = i == 0 ? [] : Enumerable.Range(0, i).Where(_ => random.Next(3) == 0).Select(d => $"t{d}").ToList();
            tasks.Add(new PlanTask($"t{i}", $"task {i}", "", i == 0 ? TaskRole.Foundation : TaskRole.Feature, deps, [$"src/t{i}/**"], []));
        }
        return tasks;
    }
}
