using Otto.Git;

namespace Otto.Tests.Git;

/// <summary>
/// git 2.39's `worktree move` renames the folder and then records the new path; a `worktree prune` in
/// between deletes the worktree's admin folder and leaves a checkout git no longer knows. Otto moves
/// worktrees (takeovers, recycling, spares, the pool) while other jobs prune (removing a worktree, before a
/// fresh checkout, gc): its moves and prunes take one lock per repository.
/// </summary>
public sealed class WorktreeMoveTests : IDisposable
{
    private readonly TempRepo _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task Moves_beside_a_stream_of_prunes_leave_the_worktree_known_to_git()
    {
        for (var i = 0; i < 200; i++) _repo.Write($"f{i}.txt", $"{i}\n");
        _repo.Commit("files");
        var (a, b) = (_repo.Path("../moving-a"), _repo.Path("../moving-b"));
        _repo.Git("worktree", "add", "--quiet", "--detach", a);
        var repo = _repo.Repo;
        using var stop = new CancellationTokenSource();
        var prunes = 0;
        var pruning = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                repo.PruneWorktrees();
                prunes++;
            }
        });

        var (from, to) = (a, b);
        var broken = "";
        for (var move = 0; move < 120 && broken.Length == 0; move++)
        {
            var moved = repo.MoveWorktree(from, to);
            if (!moved.Ok) broken = $"move {move} failed: {moved.Stderr}";
            else if (!new GitRepo(to).Git("status", "--porcelain").Ok) broken = $"after move {move} git does not know {to}";
            (from, to) = (to, from);
        }
        await stop.CancelAsync();
        await pruning;

        Assert.True(broken.Length == 0, broken);
        Assert.True(prunes > 10, $"only {prunes} prunes ran beside the moves");
    }
}
