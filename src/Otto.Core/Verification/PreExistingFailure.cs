using System.Text.RegularExpressions;
using Otto.Config;
using Otto.Runs;

namespace Otto.Verification;

/// <summary>
/// With `verify.baseline: allow-failing`, a check that fails only as it already failed on the base commit
/// is the project's old failure, not the task's: only new failures count. "Only as it already failed" means
/// the same command, and every line of the output that says something failed (FAIL, error, assert,
/// expected...), normalized like a failure signature, was already among the base's — a task that adds
/// passing tests changes the output, not the failures.
/// </summary>
public static partial class PreExistingFailure
{
    [GeneratedRegex(@"\b(fail|failed|failure|failing|error|errors|assert|assertion|expected|not ok|panic|panicked|exception)\b|✗|✘|×", RegexOptions.IgnoreCase)]
    private static partial Regex SaysFailure();

    public static bool Is(VerifyOutcome result, RunState state, OttoConfig config)
    {
        if (result.Passed || config.Verify.Baseline != BaselineModes.AllowFailing) return false;
        if (state.Baseline is not { Finished: true, Passed: false, Failure: { Kind: FailureKind.Baseline } old } || old.Command != result.Command) return false;
        var now = FailureLines(result.Reason);
        return now.Count > 0 ? now.IsSubsetOf(FailureLines(old.Reason)) : result.Signature == old.Signature;
    }

    public static HashSet<string> FailureLines(string? text) =>
        (text ?? "").Split('\n').Where(l => SaysFailure().IsMatch(l)).Select(l => FailureSignature.Normalize(l).Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
}
