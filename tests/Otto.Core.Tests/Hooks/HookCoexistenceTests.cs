using Otto.Git;
using Otto.Hooks;

namespace Otto.Tests.Hooks;

/// <summary>
/// otto's hooks beside the tools people already use, in the user's own checkout: installed for task
/// worktrees (the default) or shared (`--shared`), the repository's hooks still run there and still fail
/// the commits they fail; `uninstall` leaves every hook file, mode and the git config byte for byte as it
/// was. (In task worktrees, where otto's check runs first, see Otto.Cli.Tests' GitHookTests.)
/// </summary>
public sealed class HookCoexistenceTests
{
    /// <summary>Outside task worktrees the shim never starts otto, so any command stands in for it here.</summary>
    private static readonly string[] Otto = ["/usr/local/bin/otto-not-needed-here"];

    public static TheoryData<string, bool> Setups()
    {
        var data = new TheoryData<string, bool>();
        foreach (var setup in new[] { "plain", "lefthook", "pre-commit", "husky", "husky-tracked" })
        {
            data.Add(setup, false);
            data.Add(setup, true);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public void Their_hooks_still_run_and_still_refuse_and_uninstall_restores_every_byte(string setup, bool shared)
    {
        using var repo = new TempRepo();
        HookSetups.Apply(setup, repo);
        var log = repo.Path("../hook.log");
        var before = HookSetups.Snapshot(repo);
        var installer = new HookInstaller(repo.Repo);

        installer.Install(Otto, shared);

        Assert.NotEqual(before, HookSetups.Snapshot(repo));
        if (!shared) Assert.Equal(before.SkipLast(1), HookSetups.Snapshot(repo).Where(e => !e.StartsWith(".git/otto-hooks", StringComparison.Ordinal)).SkipLast(1)); // no hook file touched
        var ok = HookSetups.Commit(repo, log, "fine.txt", "all good\n");
        Assert.True(ok.Ok, ok.Stderr);
        var refused = HookSetups.Commit(repo, log, "bad.txt", "FORBIDDEN\n");
        Assert.False(refused.Ok);
        Assert.Contains("FORBIDDEN found", refused.Stderr, StringComparison.Ordinal);
        Assert.Null(repo.Show("HEAD", "bad.txt"));
        var ran = File.ReadAllLines(log);
        Assert.Equal(2, ran.Count(l => l.Contains("pre-commit", StringComparison.Ordinal) && !l.StartsWith("legacy", StringComparison.Ordinal)));
        if (setup == "pre-commit") Assert.Contains("legacy pre-commit", ran); // found next to the hook through dirname "$0"
        if (setup == "lefthook") Assert.Contains(ran, l => l.StartsWith("lefthook commit-msg", StringComparison.Ordinal)); // its argument, the message file, passed on
        if (setup == "husky") Assert.Contains("husky post-commit", ran); // a hook otto does not guard passes through

        installer.Uninstall();

        Assert.Equal(before, HookSetups.Snapshot(repo));
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public void Status_names_what_each_hook_chains_to(string setup, bool shared)
    {
        using var repo = new TempRepo();
        HookSetups.Apply(setup, repo);
        var installer = new HookInstaller(repo.Repo);
        installer.Install(Otto, shared);

        var status = string.Join("\n", HookStatus.Lines(installer));

        var expected = setup == "husky" ? ".husky/_/pre-commit (runs after otto's check)"
            : setup == "husky-tracked" ? ".husky/pre-commit (runs after otto's check)"
            : shared ? "pre-commit.otto-chained (runs after otto's check)"
            : $"{repo.Path(".git/hooks/pre-commit")} (runs after otto's check)";
        Assert.Contains($"pre-commit: otto's, chains to {expected}", status, StringComparison.Ordinal);
        Assert.Contains("reference-transaction: otto's, chains to", status, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT ACTIVE", status, StringComparison.Ordinal);
        if (!shared) Assert.Contains("this checkout runs its own hooks from", status, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Without_any_hook_install_adds_otto_s_and_uninstall_leaves_everything_as_git_made_it(bool shared)
    {
        using var repo = new TempRepo();
        var before = HookSetups.Snapshot(repo);
        var installer = new HookInstaller(repo.Repo);

        installer.Install(Otto, shared);
        var status = HookStatus.Lines(installer);
        installer.Uninstall();

        Assert.Contains(status, l => l.StartsWith("pre-commit: otto's, chains to", StringComparison.Ordinal) && l.EndsWith(shared ? "nothing (there was no hook)" : "(missing here: nothing runs)", StringComparison.Ordinal));
        Assert.Equal(before, HookSetups.Snapshot(repo));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Installing_twice_keeps_one_layer_and_still_restores_the_original(bool shared)
    {
        using var repo = new TempRepo();
        HookSetups.Plain(repo);
        var before = HookSetups.Snapshot(repo);
        var installer = new HookInstaller(repo.Repo);

        installer.Install(Otto, shared);
        installer.Install(Otto, shared);
        Assert.False(File.Exists(repo.Path(".git/hooks/pre-commit.otto-chained.otto-chained")));
        installer.Uninstall();

        Assert.Equal(before, HookSetups.Snapshot(repo));
    }

    [Fact]
    public void A_config_changed_after_install_keeps_the_change_and_loses_only_otto_s_value()
    {
        using var repo = new TempRepo();
        var installer = new HookInstaller(repo.Repo);
        installer.Install(Otto);
        repo.Git("config", "user.signingkey", "ABC123"); // the user changes their config meanwhile

        installer.Uninstall();

        Assert.Equal("ABC123", repo.Git("config", "user.signingkey").Trim());
        Assert.False(repo.TryGit("config", "--get", "extensions.worktreeConfig").Ok);
    }

    [Fact]
    public void Status_says_when_another_tool_took_core_hooks_path_over_after_a_shared_install()
    {
        using var repo = new TempRepo();
        var installer = new HookInstaller(repo.Repo);
        installer.Install(Otto, shared: true);

        repo.Git("config", "core.hooksPath", ".husky/_"); // `npm install` running husky, say

        Assert.Contains(HookStatus.Lines(installer), l => l.StartsWith("NOT ACTIVE", StringComparison.Ordinal));
    }

    [Fact]
    public void Uninstall_leaves_a_hook_another_tool_wrote_over_otto_s()
    {
        using var repo = new TempRepo();
        HookSetups.Plain(repo);
        var installer = new HookInstaller(repo.Repo);
        installer.Install(Otto, shared: true);
        File.WriteAllText(repo.Path(".git/hooks/pre-commit"), "#!/bin/sh\n# written by a tool after otto\n");

        var notes = installer.Uninstall();

        Assert.Equal("#!/bin/sh\n# written by a tool after otto\n", repo.Read(".git/hooks/pre-commit"));
        Assert.Contains(notes, n => n.StartsWith("kept", StringComparison.Ordinal) && n.Contains("pre-commit.otto-chained", StringComparison.Ordinal));
        Assert.True(File.Exists(repo.Path(".git/hooks/pre-commit.otto-chained")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Otto_is_started_only_in_task_worktrees(bool shared)
    {
        using var repo = new TempRepo();
        var task = repo.Path("../task");
        repo.Git("worktree", "add", "-q", "-b", "otto/tasks/20261128-000000-0000/t", task, "main");
        var mine = repo.Path("../mine");
        repo.Git("worktree", "add", "-q", "-b", "topic", mine, "main");
        new HookInstaller(repo.Repo).Install(["/nonexistent/otto"], shared); // were it started, the commit would fail

        var own = HookSetups.Commit(repo, repo.Path("../hook.log"), "anything.txt", "x\n");
        var linked = AgentCommit(mine, "y.txt");
        var inTask = AgentCommit(task, "z.txt");

        Assert.True(own.Ok, own.Stderr);
        Assert.True(linked.Ok, linked.Stderr);
        Assert.False(inTask.Ok);
        Assert.Contains("/nonexistent/otto is gone; run `otto hooks install` again", inTask.Stderr, StringComparison.Ordinal);
    }

    private static GitResult AgentCommit(string worktree, string file)
    {
        File.WriteAllText(Path.Combine(worktree, file), "content\n");
        var env = new Dictionary<string, string?> { ["OTTO_INTERNAL_GIT"] = null };
        GitCli.Run(worktree, ["add", "--all"], null, env).EnsureOk();
        return GitCli.Run(worktree, ["commit", "-q", "-m", "commit " + file], null, env);
    }
}
