using Otto.Git;
using Otto.Integration;

namespace Otto.Tests.Integration;

/// <summary>
/// What Integrator.Prepare lands, checked against git's own merge (`git merge-tree --write-tree`) on real
/// repositories: a task that forked from the tip itself (which otto lands without asking git to merge) and
/// one that forked before siblings landed.
/// </summary>
public sealed class IntegratorTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    private static IReadOnlyList<string> NoViolations(IReadOnlyList<string> changed) => [];

    private string GitsMergeTree(string ours, string theirs) =>
        _repo.Git("merge-tree", "--write-tree", ours, theirs).Split('\n')[0];

    private string TaskOn(string start, string branch, string file, string content)
    {
        _repo.Git("checkout", "-q", "-b", branch, start);
        var commit = _repo.Write(file, content).Commit("task " + branch);
        _repo.Git("checkout", "-q", "main");
        return commit;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_task_that_forked_from_the_tip_lands_its_own_tree_as_gits_merge_would(bool squash)
    {
        _repo.Write("src/kept.txt", "kept\n").Write("src/gone.txt", "gone\n").Commit("base");
        var tip = _repo.Head;
        _repo.Git("checkout", "-q", "-b", "task", tip);
        _repo.Write("src/new.txt", "new\n").Write("src/kept.txt", "changed\n");
        _repo.Git("rm", "-q", "src/gone.txt");
        _repo.Git("add", "src/new.txt");
        _repo.Git("update-index", "--chmod=+x", "src/new.txt");
        var task = _repo.Commit("the task's work");
        _repo.Git("checkout", "-q", "main");

        var ready = Assert.IsType<IntegrationResult.Ready>(Integrator.Prepare(_repo.Repo, tip, task, "land", squash, NoViolations));

        Assert.Equal(tip, ready.Tip);
        Assert.Equal(GitsMergeTree(tip, task), _repo.Git("rev-parse", ready.Commit + "^{tree}").Trim());
        Assert.Equal(_repo.Git("rev-parse", task + "^{tree}").Trim(), _repo.Git("rev-parse", ready.Commit + "^{tree}").Trim());
        var parents = _repo.Git("rev-list", "--parents", "-n", "1", ready.Commit).Trim().Split(' ')[1..];
        Assert.Equal(squash ? [tip] : new[] { tip, task }, parents);
    }

    [Fact]
    public void A_task_that_forked_before_a_sibling_landed_gets_both_changes()
    {
        var start = _repo.Head;
        var sibling = TaskOn(start, "sibling", "a.txt", "a\n");
        var task = TaskOn(start, "task", "b.txt", "b\n");

        var ready = Assert.IsType<IntegrationResult.Ready>(Integrator.Prepare(_repo.Repo, sibling, task, "land", squash: true, NoViolations));

        var tree = _repo.Git("rev-parse", ready.Commit + "^{tree}").Trim();
        Assert.Equal(GitsMergeTree(sibling, task), tree);
        Assert.Equal("a\n", _repo.Show(ready.Commit, "a.txt"));
        Assert.Equal("b\n", _repo.Show(ready.Commit, "b.txt"));
    }

    [Fact]
    public void A_task_that_forked_from_the_tip_is_still_refused_for_what_it_does_not_own()
    {
        var tip = _repo.Head;
        var task = TaskOn(tip, "task", "theirs.txt", "not mine\n");
        IReadOnlyList<string> Owned(IReadOnlyList<string> changed) => changed.Where(p => p != "mine.txt").Select(p => p + " is not owned").ToList();

        var refused = Assert.IsType<IntegrationResult.OwnershipRefused>(Integrator.Prepare(_repo.Repo, tip, task, "land", squash: true, Owned));

        Assert.Equal(["theirs.txt is not owned"], refused.Violations);
    }

    [Fact]
    public void A_task_already_on_the_tip_is_already_merged()
    {
        var tip = _repo.Head;
        var task = TaskOn(tip, "task", "x.txt", "x\n");
        _repo.Git("merge", "-q", "--ff-only", "task");

        Assert.IsType<IntegrationResult.AlreadyMerged>(Integrator.Prepare(_repo.Repo, _repo.Head, task, "land", squash: true, NoViolations));
    }
}
