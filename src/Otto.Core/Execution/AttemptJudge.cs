using Otto.Agents;
using Otto.Config;
using Otto.Contracts;
using Otto.Planning;
using Otto.Runs;
using Otto.Verification;

namespace Otto.Execution;

/// <summary>
/// Decides, without I/O, what a finished agent attempt leads to before verification: a failure (with its
/// kind, verbatim reason, signature and the limit that fired), a question for a human, or "verify it".
/// An agent's "success" is only a claim; verification decides.
/// </summary>
public static class AttemptJudge
{
    public static AttemptVerdict Judge(AgentExit exit, AgentReport report, StatusReport status, LimitsConfig limits)
    {
        switch (exit.KilledBy)
        {
            case AgentExit.StallTimeout:
                return Limit("stall_timeout", limits.StallTimeout, $"the agent made no progress for {Duration.Format(limits.StallTimeout)} (retries and errors do not count), so otto stopped it (limits.stall_timeout)" + Cause(report));
            case AgentExit.AttemptTimeout:
                return Limit("attempt_timeout", limits.AttemptTimeout, $"the agent ran longer than {Duration.Format(limits.AttemptTimeout)}, so otto stopped it (limits.attempt_timeout)" + Cause(report));
            case AgentExit.Vanished:
                return Fail(FailureKind.Agent, "the agent process disappeared without an exit status (killed from outside otto?)");
            case AgentExit.ExitLost when status.Error is not null:
                // The wrapper could not write the exit status, and the agent's status file is unreadable too:
                // writes failed under the attempt (a full disk). Nothing says what the agent did; not its fault.
                return new AttemptVerdict.Failed(new FailureInfo(FailureKind.Environment,
                    "the attempt's exit status and status file were lost (written empty, as on a full disk); the attempt is not counted and runs again",
                    "environment exit-status-lost"));
        }
        // What a CLI said may carry its terminal colours; a stored reason never does.
        var error = report.Error is null ? null : Platform.TerminalText.Strip(report.Error);
        // Credentials, a CLI that cannot run here as set up, or a network outage that outlasted otto's own
        // retries (the runner retried it already): no attempt can succeed until that changes, and a fix
        // attempt would only spend, so the run stops at once, its work kept.
        if (report.FailureClass is FailureClasses.Auth or FailureClasses.Environment)
            return new AttemptVerdict.Failed(new FailureInfo(FailureKind.Agent, error ?? "the agent could not authenticate", FailureSignature.Of(report.FailureClass), Fatal: true));
        if (report.FailureClass == FailureClasses.Transient && FailureClassifier.IsNetwork(error))
            return new AttemptVerdict.Failed(new FailureInfo(FailureKind.Agent, error, FailureSignature.Of("network"), Fatal: true));
        // An exit status lost to a full disk says nothing either way: the agent's own report and the checks decide.
        var exitSaysFailure = exit.KilledBy == AgentExit.ExitLost ? false : exit.ExitCode is not 0;
        if (report.FailureClass is not null || (!report.Completed && exit.KilledBy != AgentExit.ExitLost) || exitSaysFailure)
        {
            var reason = error ?? $"the agent exited with code {exit.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}";
            return Fail(FailureKind.Agent, reason);
        }
        switch (status.Outcome)
        {
            case Outcomes.Fail or Outcomes.Retry when status.FailureReason is not null:
                return new AttemptVerdict.Failed(new FailureInfo(FailureKind.Agent, status.FailureReason,
                    status.FailureSignature ?? FailureSignature.Of(status.FailureReason)));
            case Outcomes.NeedsHuman when status.Question is not null:
                return new AttemptVerdict.AskHuman(status.Question);
        }
        return new AttemptVerdict.Verify();
    }

    /// <summary>What the agent was stuck on when a limit stopped it (the network, say), when it said.</summary>
    private static string Cause(AgentReport report) => report.Error is { Length: > 0 } error ? "\n" + error : "";

    private static AttemptVerdict.Failed Fail(FailureKind kind, string reason) =>
        new(new FailureInfo(kind, reason, FailureSignature.Of(reason)));

    private static AttemptVerdict.Failed Limit(string name, TimeSpan value, string reason) =>
        new(new FailureInfo(FailureKind.Limit, reason, FailureSignature.Of(name), new LimitHit(name, Duration.Format(value))));
}

public abstract record AttemptVerdict
{
    public sealed record Verify : AttemptVerdict;

    public sealed record Failed(FailureInfo Failure) : AttemptVerdict;

    public sealed record AskHuman(string Question) : AttemptVerdict;
}
