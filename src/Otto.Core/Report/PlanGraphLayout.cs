namespace Otto.Report;

public sealed record GraphInputNode(string Id, string Title, string State, string Caption, IReadOnlyList<string> DependsOn);

/// <summary>The plan's task graph as SVG geometry: dependencies left to right, one column per depth.</summary>
public sealed record PlanGraph(int Width, int Height, IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdge> Edges);

public sealed record GraphNode(double X, double Y, double Width, double Height, string Id, string Title, string State, string Caption,
    double TextX, double IdY, double TitleY, double CaptionY);

/// <param name="Path">An SVG path (a cubic curve from the dependency's right edge to the task's left edge).</param>
public sealed record GraphEdge(string Path, string From, string To);

public static class PlanGraphLayout
{
    private const int NodeWidth = 190;
    private const int NodeHeight = 62;
    private const int ColumnGap = 56;
    private const int RowGap = 14;
    private const int Margin = 10;
    private const int TitleChars = 26;

    public static PlanGraph Lay(IReadOnlyList<GraphInputNode> tasks)
    {
        var byId = tasks.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var task in tasks) Depth(task.Id, byId, depth, []);
        var columns = tasks.GroupBy(t => depth[t.Id]).OrderBy(g => g.Key).ToList();
        var nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var row = 0;
            foreach (var task in column)
            {
                double x = Margin + column.Key * (NodeWidth + ColumnGap);
                double y = Margin + row++ * (NodeHeight + RowGap);
                nodes[task.Id] = new GraphNode(x, y, NodeWidth, NodeHeight, task.Id, Truncate(task.Title), task.State, task.Caption,
                    x + 12, y + 21, y + 38, y + 53);
            }
        }
        var edges = new List<GraphEdge>();
        foreach (var task in tasks)
        {
            foreach (var dependency in task.DependsOn.Where(nodes.ContainsKey))
            {
                var from = nodes[dependency];
                var to = nodes[task.Id];
                var (x1, y1, x2, y2) = (from.X + from.Width, from.Y + from.Height / 2, to.X, to.Y + to.Height / 2);
                var middle = (x1 + x2) / 2;
                edges.Add(new GraphEdge(FormattableString.Invariant($"M{x1} {y1} C{middle} {y1} {middle} {y2} {x2 - 6} {y2}"), dependency, task.Id));
            }
        }
        var width = columns.Count == 0 ? 0 : Margin * 2 + columns.Count * NodeWidth + (columns.Count - 1) * ColumnGap;
        var height = columns.Count == 0 ? 0 : Margin * 2 + columns.Max(c => c.Count()) * (NodeHeight + RowGap) - RowGap;
        return new PlanGraph(width, height, [.. tasks.Select(t => nodes[t.Id])], edges);
    }

    /// <summary>0 for a task without dependencies, else one more than its deepest dependency. A cycle
    /// (the validator refuses them; a hand-edited plan might not) is cut where it closes.</summary>
    private static int Depth(string id, Dictionary<string, GraphInputNode> byId, Dictionary<string, int> depth, HashSet<string> visiting)
    {
        if (depth.TryGetValue(id, out var known)) return known;
        if (!visiting.Add(id)) return 0;
        var deepest = byId[id].DependsOn.Where(byId.ContainsKey).Select(d => Depth(d, byId, depth, visiting) + 1).DefaultIfEmpty(0).Max();
        visiting.Remove(id);
        return depth[id] = deepest;
    }

    private static string Truncate(string title) => title.Length <= TitleChars ? title : title[..(TitleChars - 1)].TrimEnd() + "…";
}
