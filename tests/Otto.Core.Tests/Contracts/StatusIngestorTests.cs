using System.Text;
using Otto.Contracts;
using Otto.Planning;
using Otto.Tests.Support;

namespace Otto.Tests.Contracts;

/// <summary>reliability.md #3: canonical + fallback locations, aliases, and precise contract errors.</summary>
public sealed class StatusIngestorTests : IDisposable
{
    private readonly TempDir _worktree = new("otto-wt-");

    public void Dispose() => _worktree.Dispose();

    private StatusReport Ingest(bool fallbackIsProjectFile = false) => StatusIngestor.Ingest(_worktree.Path, fallbackIsProjectFile);

    [Fact]
    public void The_canonical_file_is_read()
    {
        _worktree.Write(".ai/status.json", """{"outcome":"success","summary":"added login","learnings":["use bcrypt"],"files_changed":["src/a.py"]}""");

        var report = Ingest();

        Assert.Null(report.Error);
        Assert.Equal(".ai/status.json", report.Source);
        Assert.Equal(Outcomes.Success, report.Outcome);
        Assert.Equal("added login", report.Summary);
        Assert.Equal(["use bcrypt"], report.Learnings);
        Assert.Equal(["src/a.py"], report.FilesChanged);
    }

    [Fact]
    public void Only_the_fallback_at_the_worktree_root_is_accepted_and_named_as_the_source()
    {
        _worktree.Write("status.json", """{"outcome":"success","summary":"done"}""");

        var report = Ingest();

        Assert.Null(report.Error);
        Assert.Equal("status.json", report.Source);
        Assert.Equal("done", report.Summary);
    }

    [Fact]
    public void The_canonical_file_wins_over_the_fallback()
    {
        _worktree.Write(".ai/status.json", """{"outcome":"fail","failure_reason":"tests fail"}""");
        _worktree.Write("status.json", """{"outcome":"success"}""");

        Assert.Equal((".ai/status.json", Outcomes.Fail), (Ingest().Source, Ingest().Outcome));
    }

    [Fact]
    public void A_root_status_json_the_project_tracks_itself_is_not_the_agents()
    {
        _worktree.Write("status.json", """{"status":"ok","services":[]}""");

        var report = Ingest(fallbackIsProjectFile: true);

        Assert.Null(report.Source);
        Assert.Equal("no status file: the agent wrote neither .ai/status.json nor status.json", report.Error);
    }

    [Fact]
    public void A_root_status_json_that_is_not_a_status_contract_is_ignored()
    {
        _worktree.Write("status.json", """{"uptime": 5}""");

        Assert.Equal("no status file: the agent wrote neither .ai/status.json nor status.json", Ingest().Error);
    }

    [Fact]
    public void No_status_file_is_a_precise_contract_error()
    {
        var report = Ingest();

        Assert.Null(report.Outcome);
        Assert.Equal("no status file: the agent wrote neither .ai/status.json nor status.json", report.Error);
    }

    [Fact]
    public void Invalid_json_names_the_file_line_and_column()
    {
        _worktree.Write(".ai/status.json", "{\n  \"outcome\": \"success\",\n  \"summary\": oops\n}");

        var error = Ingest().Error;

        Assert.NotNull(error);
        Assert.StartsWith(".ai/status.json is not valid JSON at line 3, column ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"outcome": 5}""", ".ai/status.json: outcome must be a string")]
    [InlineData("""{"outcome": "success", "learnings": "one fact"}""", ".ai/status.json: learnings must be an array")]
    [InlineData("""{"outcome": "success", "summary": ["a"]}""", ".ai/status.json: summary must be a string")]
    [InlineData("""{"outcome": "great"}""", ".ai/status.json: outcome is not one of the allowed values")]
    [InlineData("""{"summary": "no outcome"}""", ".ai/status.json: `outcome` is required")]
    [InlineData("""["success"]""", ".ai/status.json must hold a JSON object")]
    public void Wrong_types_and_values_name_the_field(string json, string error)
    {
        _worktree.Write(".ai/status.json", json);

        var report = Ingest();

        Assert.NotNull(report.Error);
        Assert.StartsWith(error, report.Error, StringComparison.Ordinal);
        Assert.Null(report.Outcome);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        _worktree.Write(".ai/status.json", "");

        Assert.Equal(".ai/status.json is empty", Ingest().Error);
    }

    [Fact]
    public void A_huge_file_is_refused_without_being_read()
    {
        _worktree.Write(".ai/status.json", "{\"outcome\":\"success\",\"summary\":\"" + new string('x', (int)ContractFile.MaxBytes) + "\"}");

        var error = Ingest().Error;

        Assert.NotNull(error);
        Assert.Matches(@"^\.ai/status\.json is \d+ bytes, more than the 1048576 a contract file may have$", error);
    }

    [Fact]
    public void A_binary_file_is_refused()
    {
        _worktree.WriteBytes(".ai/status.json", [0x7B, 0x00, 0x01, 0xFF, 0x7D]);

        Assert.Equal(".ai/status.json is binary, not JSON", Ingest().Error);
    }

    [Fact]
    public void A_utf8_file_with_a_byte_order_mark_is_read()
    {
        _worktree.WriteBytes(".ai/status.json", [.. Encoding.UTF8.GetPreamble(), .. "{\"outcome\":\"success\",\"summary\":\"ok\"}"u8.ToArray()]);

        var report = Ingest();

        Assert.Null(report.Error);
        Assert.Equal(Outcomes.Success, report.Outcome);
    }

    [Fact]
    public void Status_is_an_alias_of_outcome()
    {
        _worktree.Write(".ai/status.json", """{"status":"success","summary":"via alias"}""");

        var report = Ingest();

        Assert.Null(report.Error);
        Assert.Equal(Outcomes.Success, report.Outcome);
    }

    [Fact]
    public void A_root_status_json_with_only_the_alias_counts_as_the_fallback()
    {
        _worktree.Write("status.json", """{"status":"needs_human","question":"which db?"}""");

        var report = Ingest();

        Assert.Equal(("status.json", Outcomes.NeedsHuman, "which db?"), (report.Source, report.Outcome, report.Question));
    }

    [Theory]
    [InlineData("Success", Outcomes.Success)]
    [InlineData("SUCCESS", Outcomes.Success)]
    [InlineData(" fail ", Outcomes.Fail)]
    [InlineData("Partial-Success", Outcomes.PartialSuccess)]
    [InlineData("partial success", Outcomes.PartialSuccess)]
    [InlineData("NEEDS_HUMAN", Outcomes.NeedsHuman)]
    [InlineData("Retry", Outcomes.Retry)]
    public void Outcome_values_are_case_insensitive(string written, string outcome)
    {
        _worktree.Write(".ai/status.json", $$"""{"outcome":"{{written}}","failure_reason":"r","question":"q"}""");

        var report = Ingest();

        Assert.Null(report.Error);
        Assert.Equal(outcome, report.Outcome);
    }

    [Theory]
    [InlineData("fail")]
    [InlineData("retry")]
    public void Fail_without_a_failure_reason_is_a_contract_error_that_keeps_the_outcome(string outcome)
    {
        _worktree.Write(".ai/status.json", $$"""{"outcome":"{{outcome}}","summary":"gave up","failure_reason":"  "}""");

        var report = Ingest();

        Assert.Equal($".ai/status.json: `failure_reason` is required when outcome is {outcome}", report.Error);
        Assert.Equal(outcome, report.Outcome);
        Assert.Equal("gave up", report.Summary);
        Assert.Null(report.FailureReason);
    }

    [Fact]
    public void Needs_human_without_a_question_is_a_contract_error()
    {
        _worktree.Write(".ai/status.json", """{"outcome":"needs_human"}""");

        Assert.Equal(".ai/status.json: `question` is required when outcome is needs_human", Ingest().Error);
    }

    [Fact]
    public void A_failure_keeps_the_agents_reason_and_signature()
    {
        _worktree.Write(".ai/status.json", """{"outcome":"fail","failure_reason":"npm install: ETIMEDOUT","failure_signature":"net-timeout"}""");

        var report = Ingest();

        Assert.Null(report.Error);
        Assert.Equal(("npm install: ETIMEDOUT", "net-timeout"), (report.FailureReason, report.FailureSignature));
    }
}
