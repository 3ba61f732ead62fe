using Otto.Events;
using Otto.Contracts;
using Otto.Ownership;
using Otto.Planning;
using Otto.Tests.Support;

namespace Otto.Tests.Planning;

/// <summary>status.json `amendments`: read with the status contract, and where each one would go.</summary>
public sealed class AmendmentTests : IDisposable
{
    private readonly TempDir _worktree = new("otto-wt-");

    public void Dispose() => _worktree.Dispose();

    [Fact]
    public void Amendments_are_read_with_the_status()
    {
        _worktree.Write(".ai/status.json", """
            {"outcome":"fail","failure_reason":"needs a new field","amendments":[
              {"path":"src/core/api.py","change":"add a `limit` parameter to fetch()","reason":"pagination"},
              {"path":" ./docs/api.md ","change":"document it"}]}
            """);

        var report = StatusIngestor.Ingest(_worktree.Path, fallbackIsProjectFile: false);

        Assert.Null(report.Error);
        Assert.Equal(
            [new AmendmentRequest("src/core/api.py", "add a `limit` parameter to fetch()", "pagination"), new AmendmentRequest("./docs/api.md", "document it", null)],
            report.Amendments);
    }

    [Theory]
    [InlineData("""[{"path":"/etc/passwd","change":"x"}]""", ".ai/status.json: amendments[0].path '/etc/passwd' is absolute")]
    [InlineData("""[{"path":"ok.py","change":"x"},{"path":"../out.py","change":"y"}]""", ".ai/status.json: amendments[1].path '../out.py' leaves the repository")]
    [InlineData("""[{"path":"a.py"}]""", "change")]
    [InlineData("""[{"path":"","change":"x"}]""", "amendments")]
    public void A_malformed_amendment_is_a_contract_error_naming_the_entry(string amendments, string expected)
    {
        _worktree.Write(".ai/status.json", $$"""{"outcome":"success","amendments":{{amendments}}}""");

        var report = StatusIngestor.Ingest(_worktree.Path, fallbackIsProjectFile: false);

        Assert.NotNull(report.Error);
        Assert.Contains(expected, report.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Secrets_in_an_amendment_are_redacted_with_the_rest_of_the_status()
    {
        var report = StatusReport.Problem(null, "x") with { Amendments = [new AmendmentRequest("a.py", "use key sk-123", "sk-123 leaked")] };

        var redacted = report.Redacted(t => t.Replace("sk-123", "[REDACTED]", StringComparison.Ordinal));

        Assert.Equal(new AmendmentRequest("a.py", "use key [REDACTED]", "[REDACTED] leaked"), redacted.Amendments.Single());
    }

    [Fact]
    public void Each_amendment_goes_to_the_path_s_owner_or_says_why_it_cannot()
    {
        var plan = new PlanDocument("p",
            [new PlanTask("core", "Core", "", TaskRole.Foundation, [], ["src/core/**"], []), new PlanTask("api", "Api", "", TaskRole.Feature, ["core"], ["src/api/**"], [])],
            [], [new PlanContract("src/core/api.py", "core")]);

        var routes = AmendmentRoute.For(new PathOwners(plan), "api",
        [
            new AmendmentRequest("src/core/api.py", "add limit", null),
            new AmendmentRequest("README.md", "mention it", null),
            new AmendmentRequest("src/api/x.py", "mine anyway", null),
        ]);

        Assert.Equal(("core", (string?)null), (routes[0].Owner, routes[0].Problem));
        Assert.Equal("no task owns README.md, so no task can make the change", routes[1].Problem);
        Assert.Equal("src/api/x.py is task api's own path: it can change it itself", routes[2].Problem);
    }
}
