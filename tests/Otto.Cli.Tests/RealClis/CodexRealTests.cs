namespace Otto.Tests.RealClis;

/// <summary>
/// otto with the real codex (tests/real-clis/versions.txt) and no network. codex does not check its
/// credentials before it connects (without a key it behaves exactly the same offline), and it never
/// gives up: it reconnects forever ("Reconnecting... waiting for network"), so otto stops it and says why.
/// </summary>
public sealed class CodexRealTests
{
    [SkippableFact]
    public async Task Reconnecting_without_network_is_stopped_as_a_transient_network_outage()
    {
        using var repo = new RealCliRepo("codex", RealClis.Require("codex"));
        var result = await repo.BuildAsync(("CODEX_API_KEY", "sk-proj-otto-test-key-that-is-not-real"));

        Assert.True(result.ExitCode == 1, result.ToString());
        var attempt = repo.Result;
        Assert.Equal("transient", (string?)attempt["failure_class"]);
        Assert.Equal("network_outage", (string?)attempt["killed_by"]);
        Assert.Equal("failed", (string?)repo.Final["status"]);
        // then codex's own words: the last of its reconnect messages, or (stopped while it was still starting
        // on a busy machine) its log line about the connection that failed
        const string Headline = "codex could not reach its API: the network is unreachable (transient): ";
        Assert.StartsWith(Headline, repo.Reason, StringComparison.Ordinal);
        var cause = repo.Reason[Headline.Length..repo.Reason.IndexOf("; otto stopped it", StringComparison.Ordinal)];
        var printed = File.ReadAllText(Path.Combine(repo.AttemptDir, "stdout.log")) + File.ReadAllText(Path.Combine(repo.AttemptDir, "stderr.log"));
        Assert.True(cause.Length > 0 && printed.Contains(cause, StringComparison.Ordinal), cause);
        Assert.Contains("otto stopped it: no progress while it could not connect (network_outage)", repo.Reason, StringComparison.Ordinal);
    }
}
