using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Agents;
using Otto.Config;
using Otto.Git;
using Otto.MergeGates;
using Otto.Ownership;
using Otto.Planning;
using Otto.Runs;
using Otto.Verification;

namespace Otto.Engine;

/// <summary>
/// One claimed task attempt, carried from wherever the log says it is: run (or adopt) the agent, commit
/// its changes and read its status, verify, integrate. Every step is recorded before the next begins,
/// so a new owner after a crash continues without repeating or losing anything. Events are appended
/// only while this owner still holds the claim.
/// </summary>
public sealed class TaskAttemptJob(RunContext run, string taskId, int attempt, Owner owner)
{
    private readonly AttemptFiles _files = new(run.Paths.AttemptDir(taskId, attempt));

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
            if (task.Step is AttemptStep.Claimed or AttemptStep.Started)
            {
                if (!await RunAgentAsync(task, workspace, heartbeat, ct).ConfigureAwait(false)) return;
                task = Current();
            }
            if (task.Step == AttemptStep.Finished && !Ingest(task, workspace)) return;
            task = Current();
            if (task.Step == AttemptStep.Committed)
            {
                heartbeat.Stage = "verify";
                if (!await VerifyAsync(workspace, ct).ConfigureAwait(false)) return;
                task = Current();
            }
            if (task.Step == AttemptStep.Verified)
            {
                heartbeat.Stage = "integrate";
                Integrate(Current());
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
        if (!File.Exists(baseCommitFile))
        {
            var start = task.HeadCommit ?? run.Repo.TryResolve("refs/heads/" + task.Branch) ?? state.IntegrationHead ?? run.Info.BaseSha;
            var setupProblem = await workspace.EnsureAsync(start, _files.Dir, ct).ConfigureAwait(false);
            if (setupProblem is not null)
            {
                Append(Failed(new FailureInfo(FailureKinds.Internal, setupProblem, FailureSignature.Of(setupProblem))));
                return false;
            }
            File.WriteAllText(baseCommitFile, workspace.Git.Resolve("HEAD") + "\n");
        }
        var agents = run.Agents(AgentSelection.Implementer);
        var request = agents.Create(attempt > 1 ? "fix" : "execute", taskId, attempt, workspace.Dir, _files, "", null);
        if (AgentProcess.Inspect(_files) is LaunchState.NotLaunched)
        {
            workspace.RemoveStaleStatus();
            if (task.PendingConflict is { } conflict) workspace.StartConflictMerge(conflict.IntegrationSha);
            var regions = task.PendingConflict is { } pending ? workspace.ConflictRegions(pending.Paths) : null;
            var template = attempt == 1 ? "execute" : "fix";
            request = request with { Prompt = run.Prompts.Render(template, PromptModels.Task(run, state, task, attempt, request.StatusFile, regions)) };
        }
        heartbeat.Track(_files.LastOutputAt);
        var observer = new JournalAgentObserver(this);
        var outcome = await new AgentRunner(agents.Provider, run.Redactor)
            .RunAsync(request, run.Limits, task.TransientRetries, observer, ct).ConfigureAwait(false);
        Append(new NewEvent(EventTypes.AttemptFinished, taskId, attempt, FinishedData(outcome)));
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
        var status = StatusIngestor.Ingest(workspace.Dir, workspace.FallbackIsProjectFile).Redacted(run.Redactor.Redact);
        File.WriteAllText(_files.Status, StatusJson(status));
        var baseCommit = File.ReadAllText(Path.Combine(_files.Dir, "base_commit")).Trim();
        var message = run.Redactor.Redact($"otto({taskId}): attempt {attempt}" + (status.Summary is { Length: > 0 } summary ? $"\n\n{summary}" : ""));
        var conflictProblem = task.PendingConflict is { } conflict ? workspace.RemainingConflictMarkers(conflict.Paths) : null;
        var rootStatusIsContract = status.Source == StatusIngestor.Fallback || StatusIngestor.HasFallbackStatus(workspace.Dir, workspace.FallbackIsProjectFile);
        var commit = ChangeCommitter.Commit(workspace.Git, task.Branch, baseCommit, message, rootStatusIsContract);
        ContextFile.Add(run.Paths.Context, taskId, status.Learnings);

        var events = new List<NewEvent>
        {
            new(EventTypes.StatusIngested, taskId, attempt, new JsonObject
            {
                ["source"] = status.Source, ["outcome"] = status.Outcome, ["summary"] = status.Summary, ["error"] = status.Error,
            }),
            new(EventTypes.ChangesCommitted, taskId, attempt, new JsonObject
            {
                ["commit"] = commit, ["base"] = baseCommit, ["changed"] = commit != baseCommit,
            }),
        };
        var outcome = AttemptResultFile.Read(_files) ?? throw new InvalidOperationException($"{_files.Result} is missing");
        var verdict = canceled
            ? new AttemptVerdict.Failed(new FailureInfo(FailureKinds.User, "canceled while the agent was working"))
            : conflictProblem is not null
                ? new AttemptVerdict.Failed(new FailureInfo(FailureKinds.Conflict, conflictProblem, FailureSignature.Of(conflictProblem)))
                : AttemptJudge.Judge(outcome.Exit, outcome.Report, status, run.Config.Limits);
        switch (verdict)
        {
            case AttemptVerdict.Failed failed:
                events.Add(Failed(failed.Failure));
                break;
            case AttemptVerdict.AskHuman ask:
                events.Add(new NewEvent(EventTypes.TaskWaiting, taskId, attempt, new JsonObject { ["question"] = ask.Question }));
                break;
        }
        Append([.. events]);
        return verdict is AttemptVerdict.Verify;
    }

    private async Task<bool> VerifyAsync(TaskWorkspace workspace, CancellationToken ct)
    {
        var result = await Verifier.RunAsync(run.Config.Verify.Commands, workspace.Dir, _files.Dir, run.Config.Limits.KillGrace, null, ct, run.Redactor).ConfigureAwait(false);
        var finished = new NewEvent(EventTypes.VerifyFinished, taskId, attempt, new JsonObject
        {
            ["passed"] = result.Passed,
            ["command"] = result.Command,
            ["exit_code"] = result.ExitCode,
            ["timed_out"] = result.TimedOut,
            ["signature"] = result.Signature,
            ["logs"] = EventData.Strings(result.Logs),
        });
        if (result.Passed)
        {
            Append(finished);
            return true;
        }
        var kind = result.TimedOut ? FailureKinds.Limit : FailureKinds.Verification;
        var limit = result.TimedOut ? new LimitHit($"verify.commands[{result.FailedIndex}].timeout", Duration.Format(run.Config.Verify.Commands[result.FailedIndex!.Value].Timeout)) : null;
        Append(finished, Failed(new FailureInfo(kind, result.Reason, result.Signature, limit, Command: result.Command)));
        return false;
    }

    private void Integrate(TaskState task)
    {
        if (MergeGateRefusal(task) is { } refusal)
        {
            Append(Failed(new FailureInfo(FailureKinds.Contract, refusal, FailureSignature.Of(refusal))));
            return;
        }
        var warnings = new List<string>();
        var enforce = run.Config.Ownership == "enforce";
        IReadOnlyList<string> Ownership(IReadOnlyList<string> changed)
        {
            var violations = OwnershipRules.Violations(task.Id, task.Role == TaskRoles.Foundation, task.OwnedPaths, run.Journal.Read().SharedFiles, changed);
            if (enforce) return violations;
            warnings.AddRange(violations);
            return [];
        }
        var message = run.Redactor.Redact($"otto: merge task {task.Id}: {task.Title}");
        var result = Integrator.TryIntegrate(run.Repo, run.Info.IntegrationBranch, task.HeadCommit!, message, Ownership);
        switch (result)
        {
            case IntegrationResult.Merged or IntegrationResult.AlreadyMerged:
                var tip = result is IntegrationResult.Merged merged ? merged.Commit : ((IntegrationResult.AlreadyMerged)result).Tip;
                Append(new NewEvent(EventTypes.TaskMerged, taskId, attempt, new JsonObject
                {
                    ["commit"] = task.HeadCommit,
                    ["integration_sha"] = tip,
                    ["already_merged"] = result is IntegrationResult.AlreadyMerged,
                    ["ownership_warnings"] = warnings.Count == 0 ? null : EventData.Strings(warnings),
                }));
                break;
            case IntegrationResult.Conflict conflict:
                var reason = $"merging task {taskId} conflicts with work already merged, in: {string.Join(", ", conflict.Paths)}";
                var data = EventData.Failure(new FailureInfo(FailureKinds.Conflict, reason, FailureSignature.Of("conflict " + string.Join(" ", conflict.Paths))));
                data["paths"] = EventData.Strings(conflict.Paths);
                data["integration_sha"] = conflict.Tip;
                data["messages"] = EventData.Strings(conflict.Messages);
                Append(new NewEvent(EventTypes.MergeConflict, taskId, attempt, data));
                break;
            case IntegrationResult.OwnershipRefused refused:
                var text = string.Join("\n", refused.Violations);
                Append(Failed(new FailureInfo(FailureKinds.Ownership, text, FailureSignature.Of(text))));
                break;
        }
    }

    /// <summary>File size, symlinks and secrets of the task's changes since it forked from what otto merged.</summary>
    private string? MergeGateRefusal(TaskState task)
    {
        var integrated = run.Journal.Read().IntegrationHead ?? run.Info.BaseSha;
        var mergeBase = run.Repo.MergeBase(integrated, task.HeadCommit!) ?? integrated;
        return MergeGate.Refusal(run.Repo, mergeBase, task.HeadCommit!, run.Config, run.Redactor);
    }

    private NewEvent Failed(FailureInfo failure) => new(EventTypes.AttemptFailed, taskId, attempt, EventData.Failure(failure));

    private static JsonObject FinishedData(AgentOutcome outcome) => new()
    {
        ["exit_code"] = outcome.Exit.ExitCode,
        ["killed_by"] = outcome.Exit.KilledBy,
        ["duration_s"] = Math.Round(outcome.Exit.Duration.TotalSeconds, 3),
        ["session_id"] = outcome.Report.SessionId,
        ["cost_usd"] = outcome.Report.CostUsd,
        ["tokens"] = outcome.Report.Tokens is { } t ? new JsonObject { ["input"] = t.Input, ["output"] = t.Output, ["cached"] = t.Cached } : null,
        ["failure_class"] = outcome.Report.FailureClass,
        ["error"] = outcome.Report.Error,
    };

    private static string StatusJson(StatusReport status) => JsonSerializer.Serialize(new JsonObject
    {
        ["source"] = status.Source,
        ["error"] = status.Error,
        ["outcome"] = status.Outcome,
        ["summary"] = status.Summary,
        ["failure_reason"] = status.FailureReason,
        ["failure_signature"] = status.FailureSignature,
        ["question"] = status.Question,
        ["learnings"] = EventData.Strings(status.Learnings),
        ["files_changed"] = EventData.Strings(status.FilesChanged),
    }, new JsonSerializerOptions { WriteIndented = true }) + "\n";

    /// <summary>Records the agent's start and transient retries in the log.</summary>
    private sealed class JournalAgentObserver(TaskAttemptJob job) : IAgentObserver
    {
        public void Started(AgentProcess process, AgentLaunch launch)
        {
                        job.Append(new NewEvent(EventTypes.AttemptStarted, job.TaskId, job.Attempt, new JsonObject
            {
                ["pid"] = process.Identity.Pid,
                ["start_time"] = process.Identity.StartTime,
                ["session_id"] = launch.SessionId,
            }));
        }

        public void Retrying(int retry, string reason, TimeSpan delay) =>
            job.Append(new NewEvent(EventTypes.AttemptRetried, job.TaskId, job.Attempt, new JsonObject
            {
                ["retry"] = retry, ["reason"] = reason, ["delay_s"] = Math.Round(delay.TotalSeconds, 1),
            }));
    }
}

/// <summary>Another owner took this attempt over (our lease expired); we stop touching it.</summary>
public sealed class ClaimLostException : Exception
{
    public ClaimLostException() : base("the claim was taken over")
    {
    }
}
