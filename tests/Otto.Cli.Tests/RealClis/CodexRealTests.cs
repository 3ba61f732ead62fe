namespace Otto.Tests.RealClis;

/// <summary>
/// otto with the real codex (tests/real-clis/versions.txt) and no network. codex does not check its
/// credentials before it connects, so without network both cases end the same way: it reconnects
/// forever ("Reconnecting... waiting for network"), and otto stops it and says why.
/// </summary>
public sealed class CodexRealTests
{
    [SkippableTheory]
    [InlineData(null)]
    [InlineData("sk-proj-otto-test-key-that-is-not-real")]
    public async Task Reconnecting_without_network_is_stopped_as_a_transient_network_outage(string? key)
    {
        using var repo = new RealCliRepo("codex", RealClis.Require("codex"));
        var result = await repo.BuildAsync(key is null ? [] : [("CODEX_API_KEY", key)]);

        Assert.True(result.ExitCode == 1, result.ToString());
        var attempt = repo.Result;
        Assert.Equal("transient", (string?)attempt["failure_class"]);
        Assert.Equal("network_outage", (string?)attempt["killed_by"]);
        Assert.Single(repo.EventsOf("attempt_retried"));
        // codex's own words, whichever of its reconnect messages was the last before otto stopped it
        Assert.Matches(@"^codex could not reach its API: the network is unreachable \(transient\): (Reconnecting\.\.\. |Falling back from WebSockets)", repo.Reason);
        Assert.Contains("otto stopped it: no progress while it could not connect (network_outage)", repo.Reason, StringComparison.Ordinal);
    }
}
