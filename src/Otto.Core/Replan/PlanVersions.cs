using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Runs;

namespace Otto.Replan;

/// <summary>
/// How final.json and `otto status` show the plan versions: `plan_version` (the newest accepted),
/// `replans` (rounds started) and `retired_tasks` (tasks earlier versions had and a replan dropped).
/// </summary>
public static class PlanVersions
{
    public static void AddTo(JsonObject final, RunState state)
    {
        final["plan_version"] = state.PlanVersion;
        final["replans"] = state.Recovery.Replans;
        final["retired_tasks"] = new JsonArray([.. state.Recovery.Retired.Select(t => (JsonNode?)new JsonObject
        {
            ["id"] = t.Id, ["state"] = t.Phase.Name(), ["attempts"] = t.Attempts, ["plan_version"] = t.PlanVersion,
        })]);
    }

    public static void Write(Utf8JsonWriter w, RunState state)
    {
        w.WriteNumber("plan_version", state.PlanVersion);
        w.WriteNumber("replans", state.Recovery.Replans);
        w.WriteStartArray("retired_tasks");
        foreach (var t in state.Recovery.Retired)
        {
            w.WriteStartObject();
            w.WriteString("id", t.Id);
            w.WriteString("state", t.Phase.Name());
            w.WriteNumber("attempts", t.Attempts);
            w.WriteNumber("plan_version", t.PlanVersion);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>One line for `otto status`, or nothing for a run still on its first plan.</summary>
    public static void Render(StringBuilder text, RunState state)
    {
        if (state.PlanVersion <= 1 && state.Recovery.Replans == 0) return;
        text.Append(CultureInfo.InvariantCulture, $"plan:   v{state.PlanVersion}, {state.Recovery.Replans} replan{(state.Recovery.Replans == 1 ? "" : "s")}");
        if (state.Recovery.Retired.Count > 0)
            text.Append("; dropped: ").AppendJoin(", ", state.Recovery.Retired.Select(t => $"{t.Id} ({t.Phase.Name()}, v{t.PlanVersion})"));
        text.Append('\n');
    }
}
