using Otto.Config;
using Otto.Events;

namespace Otto.Verification;

/// <summary>A failed verification as a task failure: a timeout is a limit (naming the command's), the rest a verification failure.</summary>
public static class VerifyFailure
{
    public static FailureInfo Of(VerifyOutcome result, OttoConfig config)
    {
        var kind = result.TimedOut ? FailureKind.Limit : FailureKind.Verification;
        var limit = result.TimedOut
            ? new LimitHit($"verify.commands[{result.FailedIndex}].timeout", Duration.Format(config.Verify.Commands[result.FailedIndex!.Value].Timeout))
            : null;
        return new FailureInfo(kind, result.Reason, result.Signature, limit, Command: result.Command);
    }
}
