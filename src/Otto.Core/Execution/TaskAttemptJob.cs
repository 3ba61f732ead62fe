using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json;
using Otto.Agents;
using Otto.Config;
using Otto.Contracts;
using Otto.Engine;
using Otto.Git;
using Otto.Integration;
using Otto.MergeGates;
using Otto.Ownership;
using Otto.Planning;
using Otto.Platform;
using Otto.Reporting;
using Otto.Runs;
using Otto.Scheduling;
using Otto.Verification;

namespace Otto.Execution;

/// <summary>
/// One claimed task attempt, carried from wherever the log says it is: run (or adopt) the agent, commit
/// its changes and read its status, verify, integrate. Every step is recorded before the next begins,
/// so a new owner after a crash continues without repeating or losing anything. Events are appended
/// only while this owner still holds the claim.
/// </summary>
public sealed class TaskAttemptJob(RunContext run, string taskId, int attempt, Owner owner, JobSignals? signals = null)
{
    private readonly AttemptFiles _files = new(run.Paths.AttemptDir(taskId, attempt));

    /// <summary>The merge into the integration tip, computed while this attempt verifies (<see cref="MergeAhead"/>).</summary>
    private MergeAhead? _mergeAhead;

    public string TaskId => taskId;

    public int Attempt => attempt;

    public async Task RunAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_files.Dir);
        await using var heartbeat = new Heartbeat(_files.Heartbeat, "execute");
        try
        {
            var task = Current();
            var workspace = new TaskWorkspace(run, task);
            // This attempt owns the task's claim: a git lock on its branch or worktree is a killed owner's,
            // unless the attempt's agent still runs (adopted after a crash) and may be running git there itself.
            if (AgentProcess.Inspect(_files) is not (LaunchState.Running or LaunchState.Starting))
            {
                Git.StaleGitLocks.RemoveForRef(run.Repo, "refs/heads/" + task.Branch);
                Git.StaleGitLocks.RemoveForWorktree(workspace.Git);
            }
            // Each step is recorded before the next begins; the log, not this loop, says where we are.
            while (AttemptSteps.Next(task) is var next && next != AttemptAction.Done)
            {
                var goOn = next switch
                {
                    AttemptAction.RunAgent when BestOfRules.Variants(task, run.Config.BestOf, run.Config.Concurrency) is var n && n > 1 =>
                        await new BestOfRound(run, taskId, attempt, n, Current, events => Append(events), signals).RunAsync(ct).ConfigureAwait(false),
                    AttemptAction.RunAgent => await RunAgentAsync(task, workspace, heartbeat, ct).ConfigureAwait(false),
                    AttemptAction.Ingest => Ingest(task, workspace),
                    AttemptAction.Verify => await VerifyAsync(task, workspace, heartbeat, ct).ConfigureAwait(false),
                    _ => Integrate(task, heartbeat),
                };
                // The agent is done (or its round is): its slot is free for the next task while this one goes on.
                if (next == AttemptAction.RunAgent) signals?.AgentDone();
                if (!goOn) return;
                task = Current();
            }
        }
        catch (ClaimLostException)
        {
            run.Observer.Note($"{taskId}: attempt {attempt} was taken over by another owner; leaving it to them");
        }
    }

    private TaskState Current() =>
        run.Journal.Read().Task(taskId) is { } task && task.Claim?.Owner.Token == owner.Token ? task : throw new ClaimLostException();

    /// <summary>Appends only while we still own the claim (checked under the run lock).</summary>
    private void Append(params NewEvent[] events) =>
        run.Journal.Commit(state => state.Task(taskId)?.Claim?.Owner.Token == owner.Token ? events : throw new ClaimLostException());

    /// <returns>False when the attempt ended here (canceled or setup failed).</returns>
    private async Task<bool> RunAgentAsync(TaskState task, TaskWorkspace workspace, Heartbeat heartbeat, CancellationToken ct)
    {
        var state = run.Journal.Read();
        var baseCommitFile = Path.Combine(_files.Dir, "base_commit");
        if (!ControlFile.Exists(baseCommitFile))
        {
            var start = RoundStart.Prepare(run, task, attempt, workspace)
                ?? task.HeadCommit ?? run.Repo.TryResolve("refs/heads/" + task.Branch) ?? state.IntegrationHead ?? run.Info.BaseSha;
            var setupProblem = await workspace.EnsureAsync(start, _files.Dir, ct).ConfigureAwait(false);
            if (setupProblem is not null)
            {
                Append(Failed(new FailureInfo(FailureKind.Internal, setupProblem, FailureSignature.Of(setupProblem))));
                return false;
            }
            ControlFile.Write(baseCommitFile, workspace.Git.Resolve("HEAD"));
        }
        var agents = run.Agents(AgentSelection.Implementer);
        var request = agents.Create(AttemptPrompt.Stage(task, attempt), taskId, attempt, workspace.Dir, _files, "", null);
        if (AgentProcess.Inspect(_files) is LaunchState.NotLaunched)
        {
            workspace.RemoveStaleStatus();
            workspace.PrepareOwnershipGuards(agents.Provider.Name);
            if (task.PendingConflict is { } conflict) workspace.StartConflictMerge(conflict.IntegrationSha);
            else if (task.StartOnTopOf is { } onTopOf) AmendmentIntake.CatchUp(workspace, onTopOf, state.IntegrationHead ?? onTopOf);
            var regions = task.PendingConflict is { } pending ? workspace.ConflictRegions(pending.Paths) : null;
            request = request with { Prompt = AttemptPrompt.Render(run, state, task, attempt, request.StatusFile, regions) };
        }
        heartbeat.Track(_files.LastOutputAt);
        var observer = new JournalAgentObserver(this);
        var outcome = await new AgentRunner(agents.Provider, run.Redactor, ProviderGate.For(run, taskId, attempt, events => Append(events)))
            .RunAsync(request, run.Limits, task.TransientRetries, observer, ct).ConfigureAwait(false);
        Append(new NewEvent(FinishedData(outcome), taskId, attempt));
        if (outcome.Exit.KilledBy == AgentExit.Canceled)
        {
            // Keep what the agent did so far on its branch; the attempt itself ends as canceled.
            Ingest(Current(), workspace, canceled: true);
            return false;
        }
        return true;
    }

    /// <summary>Reads the status contract, commits the agent's changes, and judges the attempt.</summary>
    /// <returns>True when verification should run.</returns>
    private bool Ingest(TaskState task, TaskWorkspace workspace, bool canceled = false)
    {
        var status = StatusIngestor.Ingest(workspace.Dir, workspace.FallbackIsProjectFile).Redacted(text => Platform.TerminalText.Strip(run.Redactor.Redact(text)));
        File.WriteAllText(_files.Status, StatusJson(status));
        var baseCommit = ControlFile.Read(Path.Combine(_files.Dir, "base_commit"))
            ?? throw new InvalidOperationException($"{_files.Dir}/base_commit is missing although the agent ran");
        if (WorktreeDamage.Find(workspace.Dir, workspace.Git, baseCommit) is { } damage)
        {
            WorktreeDamage.Repair(workspace.Dir, workspace.Git, task.Branch, baseCommit, $"refs/otto/displaced/{run.Info.RunId}/{taskId}/attempt-{attempt}");
            Append(new NewEvent(new StatusIngested(status.Source, status.Outcome, status.Summary, null), taskId, attempt),
                Failed(new FailureInfo(FailureKind.Agent, damage, FailureSignature.Of(damage))));
            return false;
        }
        var message = run.Redactor.Redact($"otto({taskId}): attempt {attempt}" + (status.Summary is { Length: > 0 } summary ? $"\n\n{summary}" : ""));
        var conflictProblem = task.PendingConflict is { } conflict ? workspace.RemainingConflictMarkers(conflict.Paths) : null;
        var rootStatusIsContract = status.Source == StatusIngestor.Fallback || StatusIngestor.HasFallbackStatus(workspace.Dir, workspace.FallbackIsProjectFile);
        var commit = ChangeCommitter.Commit(workspace.Git, task.Branch, baseCommit, message, rootStatusIsContract);
        ContextFile.Add(run.Paths.Context, taskId, status.Learnings);

        var events = new List<NewEvent>
        {
            // An agent otto stopped was not expected to write its status: no contract problem to report.
            new(new StatusIngested(status.Source, status.Outcome, status.Summary, canceled ? null : status.Error), taskId, attempt),
            new(new ChangesCommitted(commit, baseCommit, commit != baseCommit), taskId, attempt),
        };
        var outcome = AttemptResultFile.Read(_files) ?? throw new InvalidOperationException($"{_files.Result} is missing");
        // Changes asked of other tasks end the attempt: it waits for them, then gets a new attempt on top of them.
        var asked = canceled || conflictProblem is not null ? [] : AmendmentIntake.Asked(outcome, status, run.Config.Limits);
        if (asked.Count > 0)
        {
            var plan = AcceptedPlan.Latest(run.Paths.Dir)?.Plan;
            run.Journal.Commit(state => state.Task(taskId)?.Claim?.Owner.Token == owner.Token
                ? [.. events, AmendmentIntake.Event(state, plan, taskId, attempt, asked)]
                : throw new ClaimLostException());
            return false;
        }
        var verdict = canceled
            ? new AttemptVerdict.Failed(new FailureInfo(FailureKind.User, "canceled while the agent was working"))
            : conflictProblem is not null
                ? new AttemptVerdict.Failed(new FailureInfo(FailureKind.Conflict, conflictProblem, FailureSignature.Of(conflictProblem)))
                : AttemptJudge.Judge(outcome.Exit, outcome.Report, status, run.Config.Limits);
        switch (verdict)
        {
            case AttemptVerdict.Failed failed:
                events.Add(Failed(OrDiskFull(failed.Failure, workspace.Dir)));
                break;
            case AttemptVerdict.AskHuman ask:
                events.Add(new NewEvent(new TaskWaiting(ask.Question), taskId, attempt));
                break;
        }
        Append([.. events]);
        return verdict is AttemptVerdict.Verify;
    }

    private async Task<bool> VerifyAsync(TaskState task, TaskWorkspace workspace, Heartbeat heartbeat, CancellationToken ct)
    {
        if (task.HeadCommit is { } head && (run.Journal.Read().IntegrationHead ?? run.Info.BaseSha) is var tip)
            _mergeAhead = MergeAhead.Start(run.Repo, tip, head, () => MergeGateRefusal(tip, head));
        heartbeat.Stage = "verify-wait"; // live.json: past its agent, waiting for one of this process's verify slots
        var result = await JobSignals.InVerifySlotAsync(signals, () =>
        {
            heartbeat.Stage = "verify";
            return Verifier.RunAsync(run.Config.Verify.Commands, workspace.Dir, _files.Dir, run.Config.Limits.KillGrace, null, ct, run.Redactor);
        }, ct).ConfigureAwait(false);
        var preExisting = PreExistingFailure.Is(result, run.Journal.Read(), run.Config);
        var finished = new NewEvent(
            new VerifyFinished(result.Passed || preExisting, result.Command, result.ExitCode, result.TimedOut, result.Signature, result.Logs, preExisting), taskId, attempt);
        if (result.Passed || preExisting)
        {
            Append(finished);
            return true;
        }
        Append(finished, Failed(OrDiskFull(VerifyFailure.Of(result, run.Config), workspace.Dir)));
        return false;
    }

    /// <returns>Always false: integrating is the attempt's last step, whatever its result.</returns>
    private bool Integrate(TaskState task, Heartbeat heartbeat)
    {
        heartbeat.Stage = "integrate";
        var integrated = run.Journal.Read().IntegrationHead ?? run.Info.BaseSha;
        var gate = _mergeAhead?.GateFor(integrated, task.HeadCommit!) ?? new MergeAhead.Judged(MergeGateRefusal(integrated, task.HeadCommit!));
        if (gate.Refusal is { } refusal)
        {
            Append(Failed(new FailureInfo(FailureKind.Contract, refusal, FailureSignature.Of(refusal))));
            return false;
        }
        var (result, warnings) = new TaskIntegration(run, task, attempt, state => state.Task(taskId)?.Claim?.Owner.Token == owner.Token)
            { Ahead = _mergeAhead }.Land();
        switch (result)
        {
            case IntegrationResult.Merged:
                WorktreeRecycler.RecycleMerged(run, taskId);
                break;
            case IntegrationResult.AlreadyMerged already:
                Append(new NewEvent(new TaskMerged(task.HeadCommit!, already.Tip, true, warnings.Count == 0 ? null : warnings), taskId, attempt));
                break;
            case IntegrationResult.Conflict conflict:
                var reason = $"merging task {taskId} conflicts with work already merged, in: {string.Join(", ", conflict.Paths)}";
var conflicted = new MergeConflict(conflict.Paths, conflict.Tip, conflict.Messages,
                    Reason: reason, Signature: FailureSignature.Of("conflict " + string.Join(" ", conflict.Paths)));
                Append(new NewEvent(conflicted, taskId, attempt));
                break;
            case IntegrationResult.OwnershipRefused refused:
                var text = string.Join("\n", refused.Violations);
                Append(Failed(new FailureInfo(FailureKind.Ownership, text, FailureSignature.Of(text))));
                break;
        }
        return false;
    }

    /// <summary>File size, symlinks and secrets of the task's changes since it forked from what otto merged.</summary>
    private string? MergeGateRefusal(string integrated, string taskCommit)
    {
        var mergeBase = run.Repo.MergeBase(integrated, taskCommit) ?? integrated;
        return MergeGate.Refusal(run.Repo, mergeBase, taskCommit, run.Config, run.Redactor);
    }

    /// <summary>The driver that started the agent died before recording it: record the start now (once), so
    /// the log says an agent ran for this attempt.</summary>
    private void RecordAdoptedStart(Platform.ProcessIdentity identity) =>
        run.Journal.Commit(state => state.Task(taskId) is { } task && task.Claim?.Owner.Token == owner.Token
            ? task.Step == AttemptStep.Claimed
                ? [new NewEvent(new AttemptStarted(identity.Pid, identity.StartTime, null), taskId, attempt)]
                : []
            : throw new ClaimLostException());

    /// <summary>An attempt that failed while the disk is full failed for the environment, not for itself:
    /// it does not count against max_attempts, and it stops the run until there is room (exit 4).</summary>
    private FailureInfo OrDiskFull(FailureInfo failure, string worktree) =>
        failure.Kind != FailureKind.User && (DiskFull.Says(failure.Reason) || DiskFull.Near(worktree) || DiskFull.Near(run.Paths.Dir))
            ? new FailureInfo(FailureKind.Environment, DiskFull.Reason($"for task {taskId}") + "\n\nthe attempt said:\n" + failure.Reason,
                "environment disk-full", Fatal: true, Command: failure.Command)
            : failure;

    private NewEvent Failed(FailureInfo failure) => new(AttemptFailed.Of(failure), taskId, attempt);

    private static AttemptFinished FinishedData(AgentOutcome outcome) => new(
        outcome.Exit.ExitCode, outcome.Exit.KilledBy, Math.Round(outcome.Exit.Duration.TotalSeconds, 3), outcome.Report.SessionId,
        outcome.Report.CostUsd, outcome.Report.Tokens, outcome.Report.FailureClass, outcome.Report.Error);

    internal static string StatusJson(StatusReport status) => JsonSerializer.Serialize(new JsonObject
    {
        ["source"] = status.Source,
        ["error"] = status.Error,
        ["outcome"] = status.Outcome,
        ["summary"] = status.Summary,
        ["failure_reason"] = status.FailureReason,
        ["failure_signature"] = status.FailureSignature,
        ["question"] = status.Question,
        ["learnings"] = new JsonArray([.. status.Learnings.Select(l => (JsonNode?)l)]),
        ["files_changed"] = new JsonArray([.. status.FilesChanged.Select(f => (JsonNode?)f)]),
        ["amendments"] = new JsonArray([.. status.Amendments.Select(a => (JsonNode?)new JsonObject { ["path"] = a.Path, ["change"] = a.Change, ["reason"] = a.Reason })]),
    }, new JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>Records the agent's start and transient retries in the log.</summary>
    private sealed class JournalAgentObserver(TaskAttemptJob job) : IAgentObserver
    {
        public void Started(AgentProcess process, AgentLaunch launch)
        {
            Platform.CrashPoint.Here("agent-launched"); // the gap between the wrapper's pid file and attempt_started
            job.Append(new NewEvent(new AttemptStarted(process.Identity.Pid, process.Identity.StartTime, launch.SessionId), job.TaskId, job.Attempt));
        }

        public void Adopted(Platform.ProcessIdentity identity) => job.RecordAdoptedStart(identity);

        public void Retrying(int retry, string reason, TimeSpan delay) =>
            job.Append(new NewEvent(new AttemptRetried(retry, reason, Math.Round(delay.TotalSeconds, 1)), job.TaskId, job.Attempt));
    }
}
