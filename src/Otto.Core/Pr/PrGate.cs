using Otto.Report;
using Otto.Runs;
using Otto.Events;

namespace Otto.Pr;

/// <summary>Which runs may become a PR: finished, succeeded (or failed with --allow-failed), with a head to push.</summary>
public static class PrGate
{
    /// <returns>The verified head sha (final.json `head_sha`), or throws with the sentence that says why not.</returns>
    public static string VerifiedHead(RunRecord record, bool allowFailed)
    {
        var run = record.State.RunId;
        var final = record.Final
            ?? throw new OttoException($"run {run} has not finished (it is {record.State.Status}); otto pr publishes a finished run (see `otto status {run}`)");
        if (final.Status != RunStatus.Succeeded.Name() && !allowFailed)
        {
            var why = final.CauseKind is { } kind ? $" ({kind}{(final.CauseTask is { } task ? $" in task {task}" : "")})" : "";
            throw new OttoException($"run {run} {final.Status}{why}; otto opens PRs only for succeeded runs: pass --allow-failed to open one anyway, marked as failed");
        }
        var head = final.HeadSha ?? throw new OttoException($"{record.Paths.Final} has no head_sha: there is no verified commit to push");
        if (head == record.State.BaseSha) throw new OttoException($"run {run} changed nothing ({record.State.IntegrationBranch} is still at its base {Units.Short(head)}); there is nothing to propose");
        return head;
    }

    /// <summary>The PR title: the intent's first line, shortened; a failed run says so first.</summary>
    public static string Title(string intent, bool failed)
    {
        var line = string.Join(' ', intent.Split('\n', 2)[0].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (line.Length > 0) line = char.ToUpperInvariant(line[0]) + line[1..];
        if (line.Length > 72) line = line[..71].TrimEnd() + "…";
        return failed ? "[failed run] " + line : line;
    }
}
