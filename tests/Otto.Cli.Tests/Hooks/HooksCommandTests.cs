namespace Otto.Tests.Hooks;

/// <summary>`otto init` installs the hooks (unless --no-hooks); `otto hooks status | uninstall` say and undo it.</summary>
public sealed class HooksCommandTests
{
    [Fact]
    public async Task Init_installs_the_hooks_and_uninstall_takes_them_away_again()
    {
        using var repo = new TempRepo();
        var configBefore = File.ReadAllBytes(repo.Path(".git/config"));

        var init = await OttoProcess.RunAsync(repo.Root, "init");
        var status = await OttoProcess.RunAsync(repo.Root, "hooks", "status");
        var uninstall = await OttoProcess.RunAsync(repo.Root, "hooks", "uninstall");
        var after = await OttoProcess.RunAsync(repo.Root, "hooks", "status");

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.Contains("hooks: pre-commit: installed in", init.Stderr, StringComparison.Ordinal);
        Assert.Contains("(for otto's task worktrees only)", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("otto command: ", status.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("MISSING", status.Stdout, StringComparison.Ordinal);
        Assert.True(uninstall.ExitCode == 0, uninstall.ToString());
        Assert.StartsWith("otto's hooks are not installed", after.Stdout, StringComparison.Ordinal);
        Assert.Equal(configBefore, File.ReadAllBytes(repo.Path(".git/config")));
        Assert.False(Directory.Exists(repo.Path(".git/otto-hooks")));
    }

    [Fact]
    public async Task Init_with_no_hooks_installs_none()
    {
        using var repo = new TempRepo();

        var init = await OttoProcess.RunAsync(repo.Root, "init", "--no-hooks");

        Assert.True(init.ExitCode == 0, init.ToString());
        Assert.False(Directory.Exists(repo.Path(".git/otto-hooks")));
        Assert.Contains("`otto hooks install` installs them", init.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_hook_name_is_bad_usage_and_changes_nothing()
    {
        using var repo = new TempRepo();

        var result = await OttoProcess.RunAsync(repo.Root, "hook", "post-frobnicate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown hook `post-frobnicate`", result.Stderr, StringComparison.Ordinal);
    }
}
