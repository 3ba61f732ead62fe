using Otto.Execution;

namespace Otto.Tests.Execution;

/// <summary>The run's end leaves a spare another live process is still making (or recycling) to that process:
/// the maker's pid is read from the folder's name.</summary>
public sealed class SpareNamesTests
{
    [Theory]
    [InlineData("_making-2-14268", 14268)]
    [InlineData("_making-1-11857.pool-taking", 11857)]
    [InlineData("_recycling-4242-t01-l1", 4242)]
    [InlineData("_recycling-x-t1", null)]
    [InlineData("_spare-1", null)]
    [InlineData("_spare-r-t01-l1", null)]
    [InlineData("_making-x", null)]
    [InlineData("_making-1-2-3", null)]
    [InlineData("_planner.making", null)]
    public void The_maker_of_a_half_made_spare_is_read_from_its_name(string name, int? pid)
    {
        Assert.Equal(pid, WorktreeRecycler.MakerPid(name));
    }
}
