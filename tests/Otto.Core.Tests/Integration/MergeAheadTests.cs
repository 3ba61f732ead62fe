using Otto.Git;
using Otto.Integration;

namespace Otto.Tests.Integration;

/// <summary>
/// The merge computed while a task verifies (MergeAhead) is git's merge of the same two commits, and the
/// integration takes it only for those two: a tip that moved meanwhile is merged anew.
/// </summary>
public sealed class MergeAheadTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private static IReadOnlyList<string> NoViolations(IReadOnlyList<string> changed) => [];

    private string TaskOn(string start, string branch, string file, string content)
    {
        _repo.Git("checkout", "-q", "-b", branch, start);
        var commit = _repo.Write(file, content).Commit("task " + branch);
        _repo.Git("checkout", "-q", "main");
        return commit;
    }

    [Fact]
    public async Task Computed_ahead_it_is_git_s_merge_of_the_two_commits_conflicts_included()
    {
        var start = _repo.Head;
        var sibling = TaskOn(start, "sibling", "a.txt", "sibling\n");
        var clean = TaskOn(start, "clean", "b.txt", "b\n");
        var conflicting = TaskOn(start, "conflicting", "a.txt", "conflicting\n");

        var cleanAhead = await MergeAhead.Start(_repo.Repo, sibling, clean, NoRefusal).Merge;
        var conflictAhead = await MergeAhead.Start(_repo.Repo, sibling, conflicting, NoRefusal).Merge;

        Assert.Equal(_repo.Repo.MergeTree(sibling, clean), cleanAhead, MergeComparer);
        Assert.Equal(_repo.Repo.MergeTree(sibling, conflicting), conflictAhead, MergeComparer);
        Assert.Equal(["a.txt"], conflictAhead!.ConflictedPaths);
    }

    [Fact]
    public async Task Nothing_is_computed_ahead_for_a_task_forked_from_the_tip_or_already_merged()
    {
        var tip = _repo.Head;
        var forked = TaskOn(tip, "forked", "a.txt", "a\n");

        Assert.Null(await MergeAhead.Start(_repo.Repo, tip, forked, NoRefusal).Merge);
        Assert.Null(await MergeAhead.Start(_repo.Repo, forked, tip, NoRefusal).Merge);
        Assert.Null(await MergeAhead.Start(_repo.Repo, tip, "0123456789012345678901234567890123456789", NoRefusal).Merge); // fails: left to the integration
    }

    [Fact]
    public void The_integration_takes_the_merge_computed_ahead_for_these_two_commits_only()
    {
        var start = _repo.Head;
        var sibling = TaskOn(start, "sibling", "a.txt", "a\n");
        var later = TaskOn(sibling, "later", "c.txt", "c\n");
        var task = TaskOn(start, "task", "b.txt", "b\n");
        // A result git would not give for these commits (a conflict): it shows whether the integration used it.
        var marked = new MergeTreeResult(false, null, ["computed ahead"], []);
        var forThese = new MergeAhead(sibling, task, Task.FromResult<MergeTreeResult?>(marked), Passed);
        var forAnotherTip = new MergeAhead(later, task, Task.FromResult<MergeTreeResult?>(marked), Passed);

        var used = Integrator.Prepare(_repo.Repo, sibling, task, "land", squash: false, NoViolations, forThese);
        var notUsed = Integrator.Prepare(_repo.Repo, sibling, task, "land", squash: false, NoViolations, forAnotherTip);

        Assert.Equal(["computed ahead"], Assert.IsType<IntegrationResult.Conflict>(used).Paths);
        var ready = Assert.IsType<IntegrationResult.Ready>(notUsed);
        Assert.Equal(_repo.Repo.MergeTree(sibling, task).Tree, _repo.Git("rev-parse", ready.Commit + "^{tree}").Trim());
    }

    [Fact]
    public async Task The_merge_gate_judged_ahead_is_taken_for_these_two_commits_only_and_a_failure_is_left_to_the_integration()
    {
        var judged = MergeAhead.Start(_repo.Repo, "tip", "commit", () => "refused: a secret in a.txt");
        var failed = MergeAhead.Start(_repo.Repo, "tip", "commit", () => throw new InvalidOperationException("the gate broke"));
        await Task.WhenAll(judged.Gate, failed.Gate);

        Assert.Equal("refused: a secret in a.txt", judged.GateFor("tip", "commit")!.Refusal);
        Assert.Null(judged.GateFor("another tip", "commit"));
        Assert.Null(judged.GateFor("tip", "another commit"));
        Assert.Null(failed.GateFor("tip", "commit"));
    }

    private static string? NoRefusal() => null;

    private static readonly Task<MergeAhead.Judged?> Passed = Task.FromResult<MergeAhead.Judged?>(new MergeAhead.Judged(null));

    private static readonly Comparer MergeComparer = new();

    private sealed class Comparer : IEqualityComparer<MergeTreeResult?>
    {
        public bool Equals(MergeTreeResult? x, MergeTreeResult? y) =>
            x is not null && y is not null && x.Clean == y.Clean && x.Tree == y.Tree && x.ConflictedPaths.SequenceEqual(y.ConflictedPaths) && x.Messages.SequenceEqual(y.Messages);

        public int GetHashCode(MergeTreeResult? obj) => 0;
    }
}
