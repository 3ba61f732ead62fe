using System.Text.Json.Nodes;
using Otto.Runs;

namespace Otto.Agents;

/// <summary>
/// The scripted agent's scenario file (contracts.md): answers by stage, task and attempt; the last
/// listed attempt repeats. Loaded by <see cref="ScenarioLoader"/>.
/// </summary>
public sealed record Scenario(
    IReadOnlyList<JsonObject> Classification,
    IReadOnlyList<JsonObject> Plan,
    IReadOnlyDictionary<string, IReadOnlyList<ScenarioStep>> Tasks,
    JsonObject? Decisions)
{
    public static readonly JsonObject DefaultClassification = new()
    {
        ["kind"] = "feature", ["size"] = "small", ["single_task"] = false, ["rationale"] = "scripted scenario",
    };

    /// <summary>The reviewer's answers, one per review attempt (the last repeats); none means approve.</summary>
    public IReadOnlyList<JsonObject> Review { get; init; } = [];

    public static readonly JsonObject DefaultReview = new()
    {
        ["verdict"] = "approve", ["summary"] = "scripted scenario: it has no review answers", ["findings"] = new JsonArray(),
    };

    public static T Pick<T>(IReadOnlyList<T> attempts, int attempt) => attempts[Math.Clamp(attempt - 1, 0, attempts.Count - 1)];
}

/// <summary>What the scripted agent does in one attempt of a task.</summary>
public sealed record ScenarioStep
{
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<string> Delete { get; init; } = [];
    public IReadOnlyList<string> Run { get; init; } = [];
    public IReadOnlyList<string> Output { get; init; } = [];
    public IReadOnlyList<string> Stderr { get; init; } = [];
    public double Sleep { get; init; }
    public bool Hang { get; init; }
    public int Exit { get; init; }
    public JsonObject? Status { get; init; }

    /// <summary>Written verbatim instead of <see cref="Status"/>: for testing malformed status files.</summary>
    public string? StatusRaw { get; init; }
    public string? StatusPath { get; init; }
    public decimal? CostUsd { get; init; }
    public TokenCounts? Tokens { get; init; }
}
