using System.Text.Json;
using Otto.Agents;
using Otto.Engine;
using Otto.Execution;

namespace Otto.Verification;

/// <summary>
/// Verifies the base commit before any agent works, beside classify and plan: a checkout of the base in
/// its own worktree, prepared like a task's (setup), then the project's verify commands. A missing
/// command (exit 126/127, "command not found") or a failing setup is an `environment` problem; a red check
/// is a `baseline` failure. The result is cached per base commit and verify/setup config, so a second run
/// on the same base does not pay for it again.
/// </summary>
public sealed class BaselineJob(RunContext run, int attempt)
{
    private readonly AttemptFiles _files = new(Path.Combine(run.Paths.Dir, "stages", "baseline", $"attempt-{attempt}"));

    public async Task RunAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_files.Dir);
        await using var heartbeat = new Heartbeat(_files.Heartbeat, "baseline");
        var sha = run.Info.BaseSha;
        var cache = new BaselineCache(new Runs.OttoHome(run.Info.RepoRoot), sha, run.Config);
        if (cache.Read() is { } cached)
        {
            run.Journal.Append(new NewEvent(cached with { Attempt = attempt, Cached = true }));
            return;
        }
        var worktree = run.StageWorktree("baseline");
        try
        {
            run.Repo.RemoveWorktree(worktree);
            Execution.WorktreePool.TakeOrAdd(run.Repo, run.Info.WorktreeRoot, worktree, sha); // verified clean, like a fresh checkout
            var result = await CheckAsync(worktree, sha, ct).ConfigureAwait(false);
            if (ct.IsCancellationRequested) return;
            cache.Write(result);
            run.Journal.Append(new NewEvent(result));
        }
        finally
        {
            Execution.WorktreePool.Return(run.Repo, run.Info.WorktreeRoot, run.Config.PoolSize(), [worktree]);
        }
    }

    private async Task<BaselineFinished> CheckAsync(string worktree, string sha, CancellationToken ct)
    {
        if (await WorktreeSetup.RunAsync(run, worktree, _files.Dir, ct).ConfigureAwait(false) is { } setupProblem)
        {
            var reason = $"the project's setup fails on the base commit {sha[..Math.Min(12, sha.Length)]}, before any change:\n{setupProblem}\n"
                + "Fix setup.commands in otto.yaml (they must work in a fresh checkout), or the environment they need.";
            return new BaselineFinished(attempt, false, sha, false, [], FailureKind.Environment, reason, FailureSignature.Of(setupProblem));
        }
        var result = await Verifier.RunAsync(run.Config.Verify.Commands, worktree, _files.Dir, run.Config.Limits.KillGrace, null, ct, run.Redactor).ConfigureAwait(false);
        if (result.Passed) return new BaselineFinished(attempt, true, sha, false, result.Logs);
        var missing = MissingCommand(result.ExitCode, result.Reason);
        var hint = missing
            ? "A command the checks need is missing here: install it, or add the project's install step to setup.commands in otto.yaml (`otto init` detects it)."
            : $"The checks already fail before any change: fix the base, or set `verify.baseline: allow-failing` in otto.yaml to let otto count only new failures.";
        var text = $"`{result.Command}` fails on the base commit {sha[..Math.Min(12, sha.Length)]}, before any change (exit {result.ExitCode}):\n{result.Reason}\n{hint}";
        return new BaselineFinished(attempt, false, sha, false, result.Logs, missing ? FailureKind.Environment : FailureKind.Baseline,
            text, result.Signature, result.TimedOut ? new LimitHit($"verify.commands[{result.FailedIndex}].timeout", "") : null, Command: result.Command);
    }

    /// <summary>Exit 126 (not executable) or 127 (not found), or a shell saying so.</summary>
    public static bool MissingCommand(int? exitCode, string? output) =>
        exitCode is 126 or 127
        || (output is not null && (output.Contains("command not found", StringComparison.OrdinalIgnoreCase)
            || System.Text.RegularExpressions.Regex.IsMatch(output, @"(^|\n)[^\n]*: (\d+: )?[^\s:]+: not found(\n|$)")));
}
