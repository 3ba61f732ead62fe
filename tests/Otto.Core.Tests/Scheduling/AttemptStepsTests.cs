using Otto.Runs;
using Otto.Scheduling;

namespace Otto.Tests.Scheduling;

public sealed class AttemptStepsTests
{
    [Theory]
    [InlineData(AttemptStep.Claimed, AttemptAction.RunAgent)]
    [InlineData(AttemptStep.Started, AttemptAction.RunAgent)]
    [InlineData(AttemptStep.Finished, AttemptAction.Ingest)]
    [InlineData(AttemptStep.Committed, AttemptAction.Verify)]
    [InlineData(AttemptStep.Verified, AttemptAction.Integrate)]
    [InlineData(AttemptStep.None, AttemptAction.Done)]
    public void An_attempt_continues_from_the_step_the_log_recorded(AttemptStep step, AttemptAction next) =>
        Assert.Equal(next, AttemptSteps.Next(new TaskState { Id = "api", Step = step }));

    [Fact]
    public void Every_step_has_a_next_action() =>
        Assert.All(Enum.GetValues<AttemptStep>(), step => Assert.True(Enum.IsDefined(AttemptSteps.Next(new TaskState { Step = step }))));
}
