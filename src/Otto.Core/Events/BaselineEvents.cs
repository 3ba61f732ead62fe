using System.Text.Json.Serialization;

namespace Otto.Events;

// The baseline: the project's own verification on the base commit, before any agent works (it runs
// beside classify and plan). Failure fields are set when it failed.

public sealed record BaselineStarted(int Attempt, string Sha) : EventBody;

/// <summary><see cref="Cached"/>: the result of an earlier run on the same base commit and verify config.
/// <see cref="Kind"/> is `baseline` (the checks fail on the base) or `environment` (a command the project
/// needs is missing: exit 126/127, "command not found", a setup command that fails).</summary>
public sealed record BaselineFinished(
    int Attempt, bool Passed, string Sha, bool Cached, IReadOnlyList<string>? Logs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] FailureKind Kind = FailureKind.Internal,
    string? Reason = null, string? Signature = null, LimitHit? Limit = null, string? Task = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Fatal = false, string? Command = null) : EventBody, IFailureFields;
