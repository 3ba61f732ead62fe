using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// reliability.md #5: the same failure, worded differently each time (a fresh temp path, a process
/// number, a timestamp), has one signature; `signature_limit` occurrences trip the breaker before
/// `max_attempts` is used up.
/// </summary>
public sealed class BreakerTests
{
    // Each run of the test prints another temp folder, number and timestamp around the same failure.
    private const string Attempt = """
        files:
          lib/db.sh: "connect() { return 1; }\n"
          tests/test_db.sh: "dir=$(mktemp -d)\necho \"connection refused by 127.0.0.1:$(( $$ % 900 + 100 )) while writing $dir/report.txt at $(date -u +%Y-%m-%dT%H:%M:%S.%NZ)\"\nrm -rf \"$dir\"\nexit 1\n"
        status: { outcome: success, summary: tried again }
        """;

    [Fact]
    public async Task Three_differently_worded_copies_of_one_failure_trip_the_breaker()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("db", Attempt),
            new Dictionary<string, string> { ["max_attempts"] = "5", ["signature_limit"] = "3" });

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        var run = project.SingleRun();
        var reasons = Enumerable.Range(1, 3).Select(n => run.AttemptFile("db", n, "verify-1.log")).ToList();
        Assert.Equal(3, reasons.Distinct(StringComparer.Ordinal).Count());
        Assert.All(reasons, r => Assert.Contains("connection refused by 127.0.0.1:", r, StringComparison.Ordinal));
        var signatures = run.EventsOf("verify_finished", "db").Select(e => (string?)e["data"]!["signature"]).ToList();
        Assert.Equal(3, signatures.Count);
        var signature = Assert.Single(signatures.Distinct());
        Assert.False(Directory.Exists(run.AttemptDir("db", 4)), "a fourth attempt ran although the breaker should have tripped");

        var cause = run.Cause;
        Assert.Equal("breaker", (string?)cause["kind"]);
        Assert.Equal("db", (string?)cause["task"]);
        Assert.Equal(signature, (string?)cause["signature"]);
        Assert.Equal("signature_limit", (string?)cause["limit"]!["name"]);
        Assert.Equal("3", (string?)cause["limit"]!["value"]);
        Assert.Equal(reasons[2].TrimEnd(), (string?)run.Final["reason"]);
        var tripped = Assert.Single(run.EventsOf("breaker_tripped", "db"));
        Assert.Equal(signature, (string?)tripped["data"]!["signature"]);
    }
}
