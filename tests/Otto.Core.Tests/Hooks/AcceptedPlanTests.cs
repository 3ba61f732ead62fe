using Otto.Events;
using Otto.Planning;

namespace Otto.Tests.Hooks;

public sealed class AcceptedPlanTests
{
    [Fact]
    public void The_highest_plan_version_is_read_not_the_last_written_or_the_editable_copy()
    {
        var dir = Directory.CreateTempSubdirectory("otto-plan-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "plan-v10.json"), """{"summary":"ten","tasks":[{"id":"b","title":"B","owned_paths":["b/**"]}]}""");
            for (var v = 9; v >= 1; v--) File.WriteAllText(Path.Combine(dir, $"plan-v{v}.json"), $$"""{"summary":"v{{v}}","tasks":[]}""");
            File.WriteAllText(Path.Combine(dir, "plan.json"), """{"summary":"editable copy","tasks":[]}""");

            var found = AcceptedPlan.Latest(dir);

            Assert.NotNull(found);
            Assert.Equal(10, found.Version);
            Assert.Equal("ten", found.Plan.Summary);
            Assert.Equal(["b/**"], found.Plan.Tasks.Single().OwnedPaths);
            Assert.Equal(TaskRole.Feature, found.Plan.Tasks.Single().Role); // the validator's default
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_run_without_an_accepted_plan_has_none()
    {
        var dir = Directory.CreateTempSubdirectory("otto-plan-").FullName;
        Directory.Delete(dir);

        Assert.Null(AcceptedPlan.Latest(dir));
    }
}
