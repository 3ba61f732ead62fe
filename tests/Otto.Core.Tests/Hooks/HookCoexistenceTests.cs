using Otto.Git;
using Otto.Hooks;

namespace Otto.Tests.Hooks;

/// <summary>
/// otto's hooks beside the tools people already use: after `install` their hooks still run (as before, in
/// the user's own checkout, where otto's shim only chains) and still fail the commits they fail; after
/// `uninstall` every hook file, mode and the git config are byte for byte what they were.
/// </summary>
public sealed class HookCoexistenceTests
{
    /// <summary>Outside task worktrees the shim never starts otto, so any command stands in for it here.</summary>
    private static readonly string[] Otto = ["/usr/local/bin/otto-not-needed-here"];

    public static TheoryData<string> Setups => new() { "plain", "lefthook", "pre-commit", "husky" };

    private static void Apply(string setup, TempRepo repo)
    {
        switch (setup)
        {
            case "plain": HookSetups.Plain(repo); break;
            case "lefthook": HookSetups.Lefthook(repo); break;
            case "pre-commit": HookSetups.PreCommitFramework(repo); break;
            case "husky": HookSetups.Husky(repo); break;
        }
    }

    [Theory]
    [MemberData(nameof(Setups))]
    public void Their_hooks_still_run_and_still_refuse_and_uninstall_restores_every_byte(string setup)
    {
        using var repo = new TempRepo();
        Apply(setup, repo);
        var log = repo.Path("../hook.log");
        var before = HookSetups.Snapshot(repo);
        var installer = new HookInstaller(repo.Repo);

        installer.Install(Otto);

        Assert.NotEqual(before, HookSetups.Snapshot(repo));
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
    public void Status_names_what_each_hook_chains_to(string setup)
    {
        using var repo = new TempRepo();
        Apply(setup, repo);
        var installer = new HookInstaller(repo.Repo);
        installer.Install(Otto);

        var status = string.Join("\n", installer.Status());

        var expected = setup == "husky" ? ".husky/_/pre-commit (runs after otto's check)" : "pre-commit.otto-chained (runs after otto's check)";
        Assert.Contains($"pre-commit: otto's, chains to {expected}", status, StringComparison.Ordinal);
        Assert.Contains("reference-transaction: otto's, chains to", status, StringComparison.Ordinal);
        Assert.DoesNotContain("NOT ACTIVE", status, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_any_hook_install_adds_otto_s_and_uninstall_leaves_the_folder_as_git_made_it()
    {
        using var repo = new TempRepo();
        var before = HookSetups.Snapshot(repo);
        var installer = new HookInstaller(repo.Repo);

        installer.Install(Otto);
        var status = installer.Status();
        installer.Uninstall();

        Assert.Contains("pre-commit: otto's, chains to nothing (there was no hook)", status);
        Assert.Equal(before, HookSetups.Snapshot(repo));
    }

    [Fact]
    public void Installing_twice_keeps_one_layer_and_still_restores_the_original()
    {
        using var repo = new TempRepo();
        HookSetups.Plain(repo);
        var before = HookSetups.Snapshot(repo);
        var installer = new HookInstaller(repo.Repo);

        installer.Install(Otto);
        installer.Install(Otto);
        Assert.False(File.Exists(repo.Path(".git/hooks/pre-commit.otto-chained.otto-chained")));
        installer.Uninstall();

        Assert.Equal(before, HookSetups.Snapshot(repo));
    }

    [Fact]
    public void Status_says_when_another_tool_took_core_hooks_path_over_after_install()
    {
        using var repo = new TempRepo();
        var installer = new HookInstaller(repo.Repo);
        installer.Install(Otto);

        repo.Git("config", "core.hooksPath", ".husky/_"); // `npm install` running husky, say

        Assert.Contains(installer.Status(), l => l.StartsWith("NOT ACTIVE", StringComparison.Ordinal));
    }

    [Fact]
    public void Uninstall_leaves_a_hook_another_tool_wrote_over_otto_s()
    {
        using var repo = new TempRepo();
        HookSetups.Plain(repo);
        var installer = new HookInstaller(repo.Repo);
        installer.Install(Otto);
        File.WriteAllText(repo.Path(".git/hooks/pre-commit"), "#!/bin/sh\n# written by a tool after otto\n");

        var notes = installer.Uninstall();

        Assert.Equal("#!/bin/sh\n# written by a tool after otto\n", repo.Read(".git/hooks/pre-commit"));
        Assert.Contains(notes, n => n.StartsWith("kept", StringComparison.Ordinal) && n.Contains("pre-commit.otto-chained", StringComparison.Ordinal));
        Assert.True(File.Exists(repo.Path(".git/hooks/pre-commit.otto-chained")));
    }

    [Fact]
    public void The_shim_starts_otto_only_in_task_worktrees()
    {
        using var repo = new TempRepo();
        new HookInstaller(repo.Repo).Install(["/nonexistent/otto"]); // were it started, every commit would fail
        var log = repo.Path("../hook.log");

        var own = HookSetups.Commit(repo, log, "anything.txt", "x\n");
        var worktree = repo.Path("../task");
        repo.Git("worktree", "add", "-q", "-b", "otto/tasks/20261128-000000-0000/t", worktree, "main");
        var mine = repo.Path("../mine");
        repo.Git("worktree", "add", "-q", "-b", "topic", mine, "main");
        File.WriteAllText(Path.Combine(mine, "y.txt"), "y\n");
        var env = new Dictionary<string, string?> { ["OTTO_INTERNAL_GIT"] = null };
        GitCli.Run(mine, ["add", "--all"], null, env).EnsureOk();
        var linked = GitCli.Run(mine, ["commit", "-q", "-m", "in a linked worktree of the user's"], null, env);
        File.WriteAllText(Path.Combine(worktree, "z.txt"), "z\n");
        GitCli.Run(worktree, ["add", "--all"], null, env).EnsureOk();
        var task = GitCli.Run(worktree, ["commit", "-q", "-m", "in a task worktree"], null, env);

        Assert.True(own.Ok, own.Stderr);
        Assert.True(linked.Ok, linked.Stderr);
        Assert.False(task.Ok);
        Assert.Contains("/nonexistent/otto is gone; run `otto hooks install` again", task.Stderr, StringComparison.Ordinal);
    }
}
