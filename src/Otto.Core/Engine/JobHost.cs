using Otto.Execution;
using Otto.Planning;
using Otto.Runs;
using Otto.Scheduling;
using Otto.Verification;

namespace Otto.Engine;

/// <summary>
/// The stateless step both the driver and workers repeat: under the run lock, fold the log, observe
/// claims, decide, record the decisions; then start a job for each claim or stage it won. Jobs run
/// concurrently; this host tracks them, and records an internal failure when one crashes.
/// </summary>
public sealed class JobHost(RunContext run, bool isDriver, int concurrency)
{
    private readonly Dictionary<string, RunningJob> _jobs = new(StringComparer.Ordinal);
    private readonly JobSignals _signals = new(concurrency);
    private long _publishedOffset;

    private sealed record RunningJob(Task Task, CancellationTokenSource Cancel, string? TaskId, int Attempt, string? Token);

    public int RunningJobs => _jobs.Count;

    /// <summary>A job that died of a full disk: the driver ends the run for the environment (there is no
    /// room to record anything else anyway).</summary>
    public Exception? DiskFull { get; private set; }

    public (RunState State, IReadOnlyList<Decision> Decisions) Step(DateTimeOffset now)
    {
        var policy = SchedulerPolicy.From(run.Config);
        var tokens = _jobs.Values.Select(j => j.Token).OfType<string>().ToHashSet(StringComparer.Ordinal);
        IReadOnlyList<Decision> decisions = [];
        IReadOnlyList<(StartAttempt Start, Owner Owner)> claims = [];
        var (state, _) = run.Journal.Commit(current =>
        {
            var localSlots = LocalSlots(current, policy);
            var seen = ClaimProbe.Observe(run.Paths, current, tokens);
            decisions = Scheduler.Decide(current, policy, now, seen, isDriver, localSlots);
            (var events, claims) = DecisionEvents.For(current, decisions, RunContext.NewOwner);
            return events;
        });
        foreach (var (start, owner) in claims)
        {
            var job = new TaskAttemptJob(run, start.TaskId, start.Attempt, owner, _signals);
            Start("task:" + start.TaskId, start.TaskId, start.Attempt, owner.Token, job.RunAsync);
        }
        foreach (var baseline in decisions.OfType<RunBaseline>())
        {
            if (!_jobs.ContainsKey("baseline"))
                Start("baseline", null, baseline.Attempt, null, new BaselineJob(run, baseline.Attempt).RunAsync);
        }
        foreach (var stage in decisions.OfType<RunStage>())
        {
            if (!_jobs.ContainsKey("stage:" + stage.Stage))
                Start("stage:" + stage.Stage, null, stage.Attempt, null, stage.Stage switch
                {
                    Stage.Integrate => new IntegrationCheckJob(run, stage.Attempt).RunAsync,
                    Stage.Review => new Reviewing.ReviewJob(run, stage.Attempt).RunAsync,
                    _ => new PlannerJob(run, stage.Stage, stage.Attempt).RunAsync,
                });
        }
        return (state, decisions);
    }

    /// <summary>Reports events appended since the last call (by any process) to the observer.</summary>
    public void Publish(RunState state)
    {
        var (events, offset) = new EventLog(run.Paths.Events).ReadFrom(_publishedOffset);
        _publishedOffset = offset;
        if (events.Count > 0) run.Observer.Events(events, state);
    }

    /// <summary>Waits until a job ends, an agent is done or the tick passes; records crashed jobs as internal failures.</summary>
    public async Task WaitAsync(TimeSpan tick, CancellationToken ct)
    {
        var woken = _signals.Woken;
        var waits = _jobs.Values.Select(j => j.Task).Append(Task.Delay(tick, ct)).Append(woken).ToArray();
        await Task.WhenAny(waits).ConfigureAwait(false);
        _signals.Rearm(woken);
        Reap();
    }

    /// <summary>
    /// How many more attempts this process may start: its own jobs count like claims do in SlotRules (a best-of
    /// job one slot per variant; a job whose agent is done, or whose claim is gone and which is winding down,
    /// no agent slot).
    /// </summary>
    private int LocalSlots(RunState current, SchedulerPolicy policy)
    {
        var (agents, held) = (0, 0);
        foreach (var job in _jobs.Values.Where(j => j.TaskId is not null))
        {
            var task = current.Task(job.TaskId!);
            held += task is null ? 1 : BestOfRules.Slots(task, policy);
            // A job whose claim is gone is winding down: it runs no agent.
            agents += task is null ? 1 : task.Claim?.Owner.Token == job.Token ? SlotRules.AgentSlots(task, policy) : 0;
        }
        return SlotRules.Free(concurrency, agents, held);
    }

    /// <summary>Cancels every job (their agents are stopped) and waits for them to wind down.</summary>
    public async Task StopAllAsync()
    {
        foreach (var job in _jobs.Values) await job.Cancel.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_jobs.Values.Select(j => j.Task.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        Reap();
    }

    private void Start(string key, string? taskId, int attempt, string? token, Func<CancellationToken, Task> body)
    {
        var cancel = new CancellationTokenSource();
        var task = Task.Run(() => body(cancel.Token));
        _jobs[key] = new RunningJob(task, cancel, taskId, attempt, token);
    }

    private void Reap()
    {
        foreach (var (key, job) in _jobs.Where(kv => kv.Value.Task.IsCompleted).ToList())
        {
            _jobs.Remove(key);
            job.Cancel.Dispose();
            if (job.Task.Exception?.GetBaseException() is not { } error || job.Cancel.IsCancellationRequested) continue;
            if (Platform.DiskFull.Is(error))
            {
                DiskFull ??= error;
                continue;
            }
            run.Observer.Note($"internal error in {key}: {error.GetType().Name}: {error.Message}"
                + (Environment.GetEnvironmentVariable("OTTO_TRACE") == "1" ? "\n" + error : ""));
            RecordCrash(key, job, error);
        }
    }

    private void RecordCrash(string key, RunningJob job, Exception error)
    {
        var failure = new FailureInfo(FailureKind.Internal, $"otto hit an internal error: {error.GetType().Name}: {error.Message}",
            FailureSignature.Of(error.GetType().Name + error.Message));
        run.Journal.Commit(state =>
        {
            if (job.TaskId is not null)
            {
                return state.Task(job.TaskId)?.Claim?.Owner.Token == job.Token
                    ? [new NewEvent(AttemptFailed.Of(failure), job.TaskId, job.Attempt)]
                    : [];
            }
            if (key == "baseline")
            {
                return state.Baseline is { Finished: false } baseline
                    ? [new NewEvent(new BaselineFinished(baseline.Attempt, false, state.BaseSha, false, [], failure.Kind, failure.Reason, failure.Signature))]
                    : [];
            }
            return state.ActiveStage is { } active
                ? [new NewEvent(new StageFinished(active.Stage, active.Attempt, Ok: false, failure))]
                : [];
        });
    }
}
