namespace Otto.Tests.RealClis;

/// <summary>
/// otto with the real Gemini CLI (tests/real-clis/versions.txt), no credentials, no network. Since 0.61
/// folder trust is on by default and headless gemini exits 55 in a folder it does not trust, which every
/// fresh worktree is; otto trusts the worktree for it.
/// </summary>
public sealed class GeminiRealTests
{
    private const string FakeKey = "AIzaSy-otto-test-key-that-is-not-real";

    [SkippableFact]
    public async Task Without_credentials_the_run_stops_as_auth_with_geminis_own_message()
    {
        using var repo = new RealCliRepo("gemini", RealClis.Require("gemini"));
        var result = await repo.BuildAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(41, (int?)repo.Result["exit_code"]);
        Assert.Equal("auth", (string?)repo.Result["failure_class"]);
        Assert.StartsWith("gemini could not authenticate: Please set an Auth method", repo.Reason, StringComparison.Ordinal);
        Assert.EndsWith("To fix it, run `gemini` once to sign in, or set GEMINI_API_KEY.", repo.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("not trusted", repo.Reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task In_a_fresh_worktree_it_gets_past_the_trust_check_and_a_network_outage_is_transient()
    {
        using var repo = new RealCliRepo("gemini", RealClis.Require("gemini"));
        var result = await repo.BuildAsync(("GEMINI_API_KEY", FakeKey));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("true", (string?)repo.Invocation["environment"]!["GEMINI_CLI_TRUST_WORKSPACE"]);
        var attempt = repo.Result;
        Assert.NotEqual(55, (int?)attempt["exit_code"]);
        Assert.Equal("transient", (string?)attempt["failure_class"]);
        Assert.Equal("network_outage", (string?)attempt["killed_by"]);
        // Gemini retries on stderr only; that is not progress, and its words name the cause.
        Assert.StartsWith("gemini could not reach its API: the network is unreachable (transient)", repo.Reason, StringComparison.Ordinal);
        Assert.Contains("fetch failed", repo.Reason, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Restricted_mode_still_refuses_the_folder_exit_55_which_stops_the_run_as_environment()
    {
        using var repo = new RealCliRepo("gemini", RealClis.Require("gemini"));
        var result = await repo.BuildAsync(("GEMINI_API_KEY", FakeKey), ("GEMINI_RESTRICTED_MODE", "true"));

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(55, (int?)repo.Result["exit_code"]);
        Assert.Equal("environment", (string?)repo.Result["failure_class"]);
        Assert.StartsWith("gemini does not trust the worktree (exit code 55, FatalUntrustedWorkspaceError", repo.Reason, StringComparison.Ordinal);
        Assert.Contains("GEMINI_RESTRICTED_MODE", repo.Reason, StringComparison.Ordinal);
        Assert.Single(Directory.GetDirectories(Path.Combine(repo.RunDir, "tasks", "alpha"), "attempt-*"));
    }
}
