using Otto.Runs;
using Otto.Scheduling;
using static Otto.Tests.Scheduling.SchedulerFixture;

namespace Otto.Tests.Scheduling;

/// <summary>Run-wide limits and fatal failures end the run, naming what fired and its value.</summary>
public sealed class SchedulerLimitTests
{
    [Fact]
    public void The_run_budget_ends_the_run_naming_the_limit()
    {
        var state = Run(Task("api").ClaimedBy("t1"));

        var finish = Assert.IsType<FinishRun>(Assert.Single(Decide(state, Policy(runBudget: TimeSpan.FromMinutes(90)), T0.AddMinutes(91))));

        Assert.Equal(RunStatus.Failed, finish.Status);
        Assert.Equal(FailureKind.Limit, finish.Cause!.Kind);
        Assert.Equal(new LimitHit("run_budget", "1h30m"), finish.Cause.Limit);
        Assert.Contains("limits.run_budget", finish.Cause.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Exactly_at_the_run_budget_the_run_goes_on()
    {
        var state = Run(Task("api"));

        Assert.Equal(["api"], Decide(state, Policy(runBudget: TimeSpan.FromHours(1)), T0.AddHours(1)).Started());
    }

    [Fact]
    public void The_cost_limit_ends_the_run_naming_the_limit_and_the_cost()
    {
        var state = Run(Task("api")) with { CostUsd = 25.01m };

        var finish = Assert.IsType<FinishRun>(Assert.Single(Decide(state, Policy(maxCostUsd: 25m))));

        Assert.Equal(new LimitHit("max_cost_usd", "25"), finish.Cause!.Limit);
        Assert.Contains("$25.01", finish.Cause.Reason, StringComparison.Ordinal);
        Assert.Empty(Decide(Run(Task("api")) with { CostUsd = 25m }, Policy(maxCostUsd: 25m)).OfType<FinishRun>());
    }

    [Fact]
    public void Past_a_limit_a_worker_neither_ends_the_run_nor_starts_more_work()
    {
        var overCost = Run(Task("api")) with { CostUsd = 100m };
        var overTime = Run(Task("api"));

        Assert.Empty(Decide(overCost, Policy(maxCostUsd: 1m), isDriver: false));
        Assert.Empty(Decide(overTime, Policy(runBudget: TimeSpan.FromHours(1)), T0.AddHours(2), isDriver: false));
        Assert.Equal(["api"], Decide(overCost, Policy(maxCostUsd: 200m), isDriver: false).Started()); // below it, it works
    }

    [Fact]
    public void A_fatal_task_failure_ends_the_run_at_once_with_that_cause()
    {
        var auth = new FailureInfo(FailureKind.Agent, "claude: not logged in", "sig-auth", Fatal: true);
        var state = Run(Task("api").FailedAttempt(1, auth), Task("ui"));

        Assert.Equal([new FinishRun(RunStatus.Failed, auth with { Task = "api" })], Decide(state));
        Assert.Empty(Decide(state, isDriver: false));
    }

    [Fact]
    public void A_fatal_stage_failure_ends_the_run()
    {
        var auth = new FailureInfo(FailureKind.Agent, "codex: 401 unauthorized", null, Fatal: true);
        var state = new RunState { RunId = "r", CreatedAt = T0, LastStageFailure = auth, ClassifyAttempts = 1 };

        Assert.Equal([new FinishRun(RunStatus.Failed, auth)], Decide(state));
    }
}
