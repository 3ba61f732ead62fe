using Otto.Agents;
using Otto.Config;
using Otto.Contracts;
using Otto.Engine;
using Otto.Execution;
using Otto.Planning;
using Otto.Runs;
using Otto.Verification;

namespace Otto.Tests.Execution;

/// <summary>What a finished attempt leads to before verification. The agent's "success" is only a claim.</summary>
public sealed class AttemptJudgeTests
{
    private static readonly LimitsConfig Limits = new() { StallTimeout = TimeSpan.FromMinutes(5), AttemptTimeout = TimeSpan.FromMinutes(30) };
    private static readonly AgentReport Completed = AgentReport.Plain(true, null, null);

    private static AgentExit Exit(int? code = 0, string? killedBy = null) => new(code, killedBy, TimeSpan.FromSeconds(3), DateTimeOffset.UnixEpoch);

    private static StatusReport Status(string? outcome, string? reason = null, string? question = null, string? signature = null, string? error = null) =>
        new(".ai/status.json", outcome, "summary", reason, signature, question, [], [], error);

    private static AttemptVerdict Judge(AgentExit exit, AgentReport? report = null, StatusReport? status = null) =>
        AttemptJudge.Judge(exit, report ?? Completed, status ?? Status(Outcomes.Success), Limits);

    private static FailureInfo Failure(AttemptVerdict verdict) => Assert.IsType<AttemptVerdict.Failed>(verdict).Failure;

    [Theory]
    [InlineData(Outcomes.Success)]
    [InlineData(Outcomes.PartialSuccess)]
    public void A_clean_exit_claiming_success_goes_to_verification(string outcome)
    {
        Assert.IsType<AttemptVerdict.Verify>(Judge(Exit(), status: Status(outcome)));
    }

    [Fact]
    public void What_a_cli_said_in_colour_is_stored_without_its_control_sequences()
    {
        var report = AgentReport.Plain(false, FailureClasses.Deterministic, "\u001b[31mAPI Error:\u001b[0m Unable to connect\u001b]0;title\u0007");

        var failure = Failure(Judge(Exit(1), report));

        Assert.Equal("API Error: Unable to connect", failure.Reason);
    }

    [Fact]
    public void A_clean_exit_with_a_broken_status_contract_still_goes_to_verification()
    {
        var broken = StatusReport.Problem(null, "no status file: the agent wrote neither .ai/status.json nor status.json");

        Assert.IsType<AttemptVerdict.Verify>(Judge(Exit(), status: broken));
    }

    [Fact]
    public void Fail_without_a_reason_is_left_to_verification_to_decide()
    {
        var status = Status(Outcomes.Fail, error: ".ai/status.json: `failure_reason` is required when outcome is fail");

        Assert.IsType<AttemptVerdict.Verify>(Judge(Exit(), status: status));
    }

    [Fact]
    public void A_stall_names_stall_timeout_and_its_value()
    {
        var failure = Failure(Judge(Exit(null, AgentExit.StallTimeout)));

        Assert.Equal(FailureKind.Limit, failure.Kind);
        Assert.Equal(new LimitHit("stall_timeout", "5m"), failure.Limit);
        Assert.Equal("the agent made no progress for 5m (retries and errors do not count), so otto stopped it (limits.stall_timeout)", failure.Reason);
        Assert.Equal(FailureSignature.Of("stall_timeout"), failure.Signature);
    }

    [Fact]
    public void A_timeout_names_attempt_timeout_and_its_value_even_if_the_agent_claimed_success()
    {
        var failure = Failure(Judge(Exit(143, AgentExit.AttemptTimeout), status: Status(Outcomes.Success)));

        Assert.Equal(new LimitHit("attempt_timeout", "30m"), failure.Limit);
        Assert.Contains("limits.attempt_timeout", failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Stalls_and_timeouts_have_different_signatures_that_repeat()
    {
        var stall = Failure(Judge(Exit(null, AgentExit.StallTimeout))).Signature;
        var timeout = Failure(Judge(Exit(null, AgentExit.AttemptTimeout))).Signature;

        Assert.NotEqual(stall, timeout);
        Assert.Equal(stall, Failure(Judge(Exit(null, AgentExit.StallTimeout))).Signature);
    }

    [Fact]
    public void A_vanished_agent_is_an_agent_failure()
    {
        var failure = Failure(Judge(Exit(null, AgentExit.Vanished)));

        Assert.Equal(FailureKind.Agent, failure.Kind);
        Assert.Contains("disappeared", failure.Reason, StringComparison.Ordinal);
        Assert.Null(failure.Limit);
    }

    [Fact]
    public void An_authentication_failure_is_fatal_to_the_run()
    {
        var failure = Failure(Judge(Exit(1), AgentReport.Plain(false, FailureClasses.Auth, "Invalid API key · Please run /login")));

        Assert.True(failure.Fatal);
        Assert.Equal("Invalid API key · Please run /login", failure.Reason);
        Assert.Equal(FailureKind.Agent, failure.Kind);
    }

    [Fact]
    public void A_cli_that_cannot_run_here_as_set_up_is_fatal_to_the_run()
    {
        var failure = Failure(Judge(Exit(55), AgentReport.Plain(false, FailureClasses.Environment, "gemini does not trust the worktree")));

        Assert.True(failure.Fatal);
        Assert.Equal(FailureSignature.Of("environment"), failure.Signature);
    }

    [Fact]
    public void A_network_outage_that_outlasted_the_transient_retries_is_fatal_but_a_rate_limit_is_not()
    {
        var outage = Failure(Judge(Exit(143, AgentExit.NetworkOutage),
            AgentReport.Plain(false, FailureClasses.Transient, "codex could not reach its API: the network is unreachable (transient): Reconnecting... waiting for network")));
        var rateLimited = Failure(Judge(Exit(1), AgentReport.Plain(false, FailureClasses.Transient, "claude's API request failed (rate_limit) (transient): 429")));

        Assert.True(outage.Fatal);
        Assert.Equal(FailureKind.Agent, outage.Kind);
        Assert.StartsWith("codex could not reach its API", outage.Reason, StringComparison.Ordinal);
        Assert.False(rateLimited.Fatal);
    }

    [Fact]
    public void A_limit_that_stopped_an_agent_stuck_on_an_error_names_that_error_too()
    {
        var failure = Failure(Judge(Exit(143, AgentExit.StallTimeout), AgentReport.Plain(false, FailureClasses.Transient, "claude was stuck retrying (transient): API request failed (HTTP 529, overloaded)")));

        Assert.Equal("the agent made no progress for 5m (retries and errors do not count), so otto stopped it (limits.stall_timeout)\nclaude was stuck retrying (transient): API request failed (HTTP 529, overloaded)", failure.Reason);
        Assert.Equal(FailureSignature.Of("stall_timeout"), failure.Signature);
    }

    [Fact]
    public void A_non_zero_exit_fails_even_when_the_status_claims_success()
    {
        var failure = Failure(Judge(Exit(2), AgentReport.Plain(false, FailureClasses.Deterministic, null), Status(Outcomes.Success)));

        Assert.Equal("the agent exited with code 2", failure.Reason);
        Assert.False(failure.Fatal);
        Assert.Equal(FailureSignature.Of("the agent exited with code 2"), failure.Signature);
    }

    [Fact]
    public void The_agents_own_error_text_is_the_reason_verbatim()
    {
        var failure = Failure(Judge(Exit(1), AgentReport.Plain(false, FailureClasses.Budget, "Reached max turns (60)")));

        Assert.Equal("Reached max turns (60)", failure.Reason);
    }

    [Fact]
    public void An_agent_whose_final_event_never_came_has_failed()
    {
        var failure = Failure(Judge(Exit(0), AgentReport.Plain(completed: false, null, null)));

        Assert.Equal("the agent exited with code 0", failure.Reason);
    }

    [Fact]
    public void An_unknown_exit_code_is_said_to_be_unknown()
    {
        Assert.Equal("the agent exited with code unknown", Failure(Judge(Exit(null), AgentReport.Plain(false, null, null))).Reason);
    }

    [Theory]
    [InlineData(Outcomes.Fail)]
    [InlineData(Outcomes.Retry)]
    public void An_agent_that_reports_failure_fails_with_its_reason_and_signature(string outcome)
    {
        var own = Failure(Judge(Exit(), status: Status(outcome, "npm ci: ETIMEDOUT", signature: "network")));
        var derived = Failure(Judge(Exit(), status: Status(outcome, "npm ci: ETIMEDOUT after 30s")));

        Assert.Equal(("npm ci: ETIMEDOUT", "network", FailureKind.Agent), (own.Reason, own.Signature, own.Kind));
        Assert.Equal(FailureSignature.Of("npm ci: ETIMEDOUT after 30s"), derived.Signature);
    }

    [Fact]
    public void A_question_waits_for_a_human()
    {
        var verdict = Judge(Exit(), status: Status(Outcomes.NeedsHuman, question: "Postgres or SQLite?"));

        Assert.Equal("Postgres or SQLite?", Assert.IsType<AttemptVerdict.AskHuman>(verdict).Question);
    }

    [Fact]
    public void Needs_human_without_a_question_goes_to_verification()
    {
        Assert.IsType<AttemptVerdict.Verify>(Judge(Exit(), status: Status(Outcomes.NeedsHuman)));
    }
}
