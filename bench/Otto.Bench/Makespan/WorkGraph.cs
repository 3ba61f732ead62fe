using System.Globalization;

namespace Otto.Bench.Makespan;

/// <summary>One task of the benchmark graph: its layer, dependencies, the agent's fixed duration and its own file.</summary>
public sealed record GraphTask(string Id, int Layer, IReadOnlyList<string> DependsOn, double SleepS)
{
    public string OwnedFile => $"work/{Id}.txt";
}

/// <summary>
/// A seeded layered task graph: one foundation, then layers of up to <c>maxWidth</c> independent tasks,
/// each depending on one task of the layer before and sometimes on a second, older one. Durations are
/// fixed per task (uniform in [min, max], 0.1 s steps), so the ideal schedule can be computed.
/// </summary>
public sealed record WorkGraph(IReadOnlyList<GraphTask> Tasks)
{
    public static WorkGraph Generate(int count, int seed, int maxWidth, double minSleep, double maxSleep)
    {
        var random = new Random(seed);
        double Duration() => Math.Round(minSleep + random.NextDouble() * (maxSleep - minSleep), 1);
        var tasks = new List<GraphTask> { new("t00-foundation", 0, [], Duration()) };
        var layers = new List<List<GraphTask>> { new() { tasks[0] } };
        while (tasks.Count < count)
        {
            var width = Math.Min(count - tasks.Count, random.Next(Math.Min(3, maxWidth), maxWidth + 1));
            var layer = new List<GraphTask>();
            var previous = layers[^1];
            for (var i = 0; i < width; i++)
            {
                var deps = new List<string> { previous[random.Next(previous.Count)].Id };
                if (layers.Count > 1 && random.Next(2) == 0)
                {
                    var older = layers[random.Next(layers.Count)];
                    var second = older[random.Next(older.Count)].Id;
                    if (!deps.Contains(second)) deps.Add(second);
                }
                var id = string.Create(CultureInfo.InvariantCulture, $"t{tasks.Count:00}-l{layers.Count}");
                var task = new GraphTask(id, layers.Count, deps, Duration());
                layer.Add(task);
                tasks.Add(task);
            }
            layers.Add(layer);
        }
        return new WorkGraph(tasks);
    }

    public GraphTask this[string id] => Tasks.First(t => t.Id == id);

    public int Layers => Tasks.Max(t => t.Layer) + 1;

    public int MaxWidth => Tasks.GroupBy(t => t.Layer).Max(g => g.Count());

    public double TotalWork => Tasks.Sum(t => t.SleepS);

    /// <summary>The longest chain of durations through the dependencies.</summary>
    public double CriticalPath
    {
        get
        {
            var finish = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var task in Tasks) finish[task.Id] = task.DependsOn.Select(d => finish[d]).DefaultIfEmpty(0).Max() + task.SleepS;
            return finish.Values.Max();
        }
    }

    /// <summary>max(critical path, total work / concurrency): no schedule can beat it.</summary>
    public double LowerBound(int concurrency) => Math.Max(CriticalPath, TotalWork / concurrency);

    /// <summary>
    /// The makespan of a zero-overhead greedy list schedule that starts ready tasks as slots free up, in
    /// otto's priority order (foundation, longest remaining chain of tasks, plan order): what otto would
    /// achieve with no overhead at all; unlike the lower bound, always achievable.
    /// </summary>
    public double GreedySchedule(int concurrency)
    {
        var chain = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var task in Tasks.Reverse())
            chain[task.Id] = 1 + Tasks.Where(t => t.DependsOn.Contains(task.Id)).Select(t => chain[t.Id]).DefaultIfEmpty(0).Max();
        // OrderBy is stable: ties stay in plan order, otto's last tie-break.
        return ListSchedule(concurrency, Tasks.OrderBy(t => t.Layer == 0 ? 0 : 1).ThenByDescending(t => chain[t.Id]).ToList());
    }

    /// <summary>The same greedy schedule ordered by the longest remaining chain of durations, which otto cannot
    /// use (an agent's duration is not known in advance): how much better foresight would do.</summary>
    public double ForesightSchedule(int concurrency)
    {
        var remaining = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var task in Tasks.Reverse())
            remaining[task.Id] = task.SleepS + Tasks.Where(t => t.DependsOn.Contains(task.Id)).Select(t => remaining[t.Id]).DefaultIfEmpty(0).Max();
        return ListSchedule(concurrency, Tasks.OrderByDescending(t => remaining[t.Id]).ToList());
    }

    /// <summary>The best of <paramref name="tries"/> greedy schedules in random priority orders.</summary>
    public double BestRandomSchedule(int concurrency, int tries, int seed)
    {
        var random = new Random(seed);
        var best = double.MaxValue;
        for (var i = 0; i < tries; i++)
        {
            var order = Tasks.ToArray();
            random.Shuffle(order);
            best = Math.Min(best, ListSchedule(concurrency, order));
        }
        return best;
    }

    /// <summary>Starts ready tasks in <paramref name="priority"/> order whenever a slot is free, with no overhead.</summary>
    public double ListSchedule(int concurrency, IReadOnlyList<GraphTask> priority)
    {
        var finish = new Dictionary<string, double>(StringComparer.Ordinal);
        var running = new List<(string Id, double End)>();
        var now = 0.0;
        while (finish.Count < Tasks.Count)
        {
            var started = running.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var task in priority)
            {
                if (running.Count >= concurrency) break;
                if (finish.ContainsKey(task.Id) || started.Contains(task.Id)) continue;
                if (!task.DependsOn.All(d => finish.TryGetValue(d, out var end) && end <= now)) continue;
                running.Add((task.Id, now + task.SleepS));
                started.Add(task.Id);
            }
            var next = running.Min(r => r.End);
            now = next;
            foreach (var done in running.Where(r => r.End <= now).ToList())
            {
                finish[done.Id] = done.End;
                running.Remove(done);
            }
        }
        return finish.Values.Max();
    }
}
