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
                return Limit("stall_timeout", limits.StallTimeout, $"the agent wrote no output for {Duration.Format(limits.StallTimeout)}, so otto stopped it (limits.stall_timeout)");
            case AgentExit.AttemptTimeout:
                return Limit("attempt_timeout", limits.AttemptTimeout, $"the agent ran longer than {Duration.Format(limits.AttemptTimeout)}, so otto stopped it (limits.attempt_timeout)");
            case AgentExit.Vanished:
                return Fail(FailureKind.Agent, "the agent process disappeared without an exit status (killed from outside otto?)");
        }
        if (report.FailureClass == FailureClasses.Auth)
            return new AttemptVerdict.Failed(new FailureInfo(FailureKind.Agent, report.Error ?? "the agent could not authenticate", FailureSignature.Of("auth"), Fatal: true));
        if (report.FailureClass is not null || !report.Completed || exit.ExitCode is not 0)
        {
            var reason = report.Error ?? $"the agent exited with code {exit.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}";
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
