using Otto.Contracts;
using Otto.Planning;

namespace Otto.Tests.Planning;

public sealed class TaskGraphTests
{
    private static TaskGraph Graph(params (string Id, string[] Deps)[] tasks) =>
        new(tasks.Select(t => (t.Id, (IReadOnlyList<string>)t.Deps)).ToList());

    [Fact]
    public void Tasks_are_ordered_when_one_transitively_depends_on_the_other()
    {
        var graph = Graph(("a", []), ("b", ["a"]), ("c", ["b"]), ("d", ["a"]));

        Assert.True(graph.IsOrdered("a", "c"));
        Assert.True(graph.IsOrdered("c", "a"));
        Assert.True(graph.IsOrdered("b", "a"));
        Assert.False(graph.IsOrdered("c", "d"));
        Assert.False(graph.IsOrdered("b", "d"));
    }

    [Fact]
    public void Remaining_path_length_counts_the_longest_chain_of_dependents_including_the_task()
    {
        var lengths = Graph(("a", []), ("b", ["a"]), ("c", ["b"]), ("d", ["a"]), ("lone", [])).RemainingPathLengths();

        Assert.Equal(3, lengths["a"]);
        Assert.Equal(2, lengths["b"]);
        Assert.Equal(1, lengths["c"]);
        Assert.Equal(1, lengths["d"]);
        Assert.Equal(1, lengths["lone"]);
    }

    [Fact]
    public void Unknown_dependencies_are_ignored()
    {
        var graph = Graph(("a", ["ghost"]), ("b", []));

        Assert.False(graph.IsOrdered("a", "b"));
        Assert.Equal(1, graph.RemainingPathLengths()["a"]);
    }

    [Fact]
    public void The_widest_layer_counts_the_tasks_at_one_depth_among_those_asked_about()
    {
        // depth 0: a, lone; 1: b, d, e; 2: c (its longest chain: a, b).
        var graph = Graph(("a", []), ("b", ["a"]), ("c", ["b", "a"]), ("d", ["a"]), ("e", ["a", "ghost"]), ("lone", []));

        Assert.Equal(3, graph.WidestLayer(["a", "b", "c", "d", "e", "lone"]));
        Assert.Equal(2, graph.WidestLayer(["c", "d", "lone", "a"])); // merged ones left out: a and lone
        Assert.Equal(1, Graph(("x", []), ("y", ["x"]), ("z", ["y"])).WidestLayer(["x", "y", "z"])); // a chain
        Assert.Equal(0, graph.WidestLayer([]));
    }
}
