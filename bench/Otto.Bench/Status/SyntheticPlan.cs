using System.Globalization;
using System.Text.Json.Nodes;
using Otto.Runs;

namespace Otto.Bench.Status;

/// <summary>One planned task of the synthetic run.</summary>
public sealed record SyntheticTask(string Id, string Title, string Description, TaskRole Role, IReadOnlyList<string> DependsOn, IReadOnlyList<string> OwnedPaths);

/// <summary>A seeded plan of N tasks, each depending on one or two recent earlier tasks; the first is the foundation.</summary>
public static class SyntheticPlan
{
    private static readonly string[] Words =
    [
        "auth", "billing", "cache", "config", "db", "events", "export", "feed", "gateway", "health", "import", "jobs",
        "kv", "limits", "mail", "metrics", "notify", "orders", "payments", "queue", "reports", "search", "session", "users",
    ];

    public static IReadOnlyList<SyntheticTask> Tasks(int count, Random random)
    {
        var tasks = new List<SyntheticTask>(count);
        for (var i = 0; i < count; i++)
        {
            var word = Words[random.Next(Words.Length)];
            var id = string.Create(CultureInfo.InvariantCulture, $"t{i:000}-{word}");
            var deps = new List<string>();
            if (i > 0)
            {
                var window = Math.Min(i, 16);
                deps.Add(tasks[i - 1 - random.Next(window)].Id);
                if (i > 1 && random.Next(2) == 0) deps.Add(tasks[i - 1 - random.Next(window)].Id);
            }
            tasks.Add(new SyntheticTask(
                id,
                $"Implement the {word} piece #{i}",
                $"Add src/{id}/ with the {word} logic described in the intent, its unit tests under tests/{id}/, and wire it into the module index. Keep the public surface small and documented.",
                i == 0 ? TaskRole.Foundation : TaskRole.Feature,
                deps.Distinct(StringComparer.Ordinal).ToList(),
                [$"src/{id}/**", $"tests/{id}/**"]));
        }
        return tasks;
    }

    /// <summary>The plan_accepted event, as Otto.Core's PlanEventData makes it.</summary>
    public static PlanAccepted EventData(string runId, IReadOnlyList<SyntheticTask> tasks) => new(
        1, "plan-v1.json", new string('a', 64), $"{tasks.Count} tasks: a foundation, then features layered on it.",
        [.. tasks.Select(t => new PlannedTask(t.Id, t.Title, t.Description, t.Role, t.DependsOn, t.OwnedPaths,
            ["the tests under tests/" + t.Id + " pass", "no other module changes"], $"otto/tasks/{runId}/{t.Id}"))],
        [], []);

    /// <summary>plan-v1.json as a planner would have written it.</summary>
    public static JsonObject Document(IReadOnlyList<SyntheticTask> tasks) => new()
    {
        ["summary"] = $"{tasks.Count} tasks: a foundation, then features layered on it.",
        ["tasks"] = new JsonArray(tasks.Select(t => (JsonNode)new JsonObject
        {
            ["id"] = t.Id,
            ["title"] = t.Title,
            ["description"] = t.Description,
            ["role"] = t.Role.Name(),
            ["depends_on"] = Strings(t.DependsOn),
            ["owned_paths"] = Strings(t.OwnedPaths),
            ["acceptance"] = Strings(["the tests under tests/" + t.Id + " pass"]),
        }).ToArray()),
        ["shared_files"] = new JsonArray(),
        ["contracts"] = new JsonArray(),
    };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)v)]);
}
