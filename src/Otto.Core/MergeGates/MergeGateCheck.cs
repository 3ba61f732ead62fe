using Otto.Engine;

namespace Otto.MergeGates;

/// <summary>
/// The merge gate's verdict on one attempt's changes (file sizes, symlinks, secrets in added lines: see
/// <see cref="MergeGate"/>), worked out while the attempt's verification runs rather than after it: it needs
/// only the task's commit and where that forked from what otto merged, and its `git diff` is a process start
/// that would otherwise sit between a passed verification and the merge, on the way to every task that
/// depends on this one. At integration the early verdict is used only if it was reached for the same commit
/// and the same merge base; otherwise (the task merged the integration branch in meanwhile, or the early
/// check failed) the gate runs again there, as before.
/// </summary>
public sealed class MergeGateCheck(RunContext run)
{
    private sealed record Verdict(string Head, string MergeBase, string? Refusal);

    private Task<Verdict>? _early;

    /// <summary>Starts checking <paramref name="head"/> in the background.</summary>
    public void Start(string head) => _early = Task.Run(() => Check(head, MergeBaseOf(head)));

    /// <returns>The refusal text for <paramref name="head"/>, or null when its changes may be merged.</returns>
    public string? Refusal(string head)
    {
        var mergeBase = MergeBaseOf(head);
        if (Early() is { } early && early.Head == head && early.MergeBase == mergeBase) return early.Refusal;
        return Check(head, mergeBase).Refusal;
    }

    private Verdict? Early()
    {
        try
        {
            return _early?.GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Git.GitException)
        {
            return null; // checked again, where a failure says what it is
        }
    }

    private Verdict Check(string head, string mergeBase) =>
        new(head, mergeBase, MergeGate.Refusal(run.Repo, mergeBase, head, run.Config, run.Redactor));

    /// <summary>Where the task's changes start: its fork point from what otto merged.</summary>
    private string MergeBaseOf(string head)
    {
        var integrated = run.Journal.Read().IntegrationHead ?? run.Info.BaseSha;
        return run.Repo.MergeBase(integrated, head) ?? integrated;
    }
}
