using Otto.Runs;

namespace Otto.Agents;

/// <summary>What one line of a CLI agent's output stream meant, whichever CLI wrote it.</summary>
public enum AgentStreamKind
{
    /// <summary>The session (Claude, Gemini) or thread (Codex) began: <see cref="AgentStreamEvent.Id"/>, model.</summary>
    Session,

    /// <summary>Text the model wrote for people to read.</summary>
    AssistantText,

    /// <summary>The model asked to run a tool: name and a one-line summary of its input.</summary>
    ToolCall,

    /// <summary>A tool's output came back (error or not).</summary>
    ToolResult,

    /// <summary>A new model response began; <see cref="AgentStreamEvent.Id"/> names it when the CLI does.</summary>
    Turn,

    /// <summary>Token totals so far (each usage event replaces the previous one: the CLIs report totals).</summary>
    Usage,

    /// <summary>The CLI's own final word on the run: success, or how it failed.</summary>
    Final,

    /// <summary>A warning or error the CLI reported along the way (not the final outcome by itself), including
    /// its own retries of a failed API request: trouble, never progress.</summary>
    Error,

    /// <summary>A line of the stream otto does not read (reasoning, status, partial messages, the echoed
    /// prompt): it shows nothing, but it is the CLI working, so it counts as progress.</summary>
    Activity,
}

/// <summary>
/// One normalized event from an agent's stream. The parsers (one per CLI) fill only the fields that
/// apply to the kind; <see cref="StreamSummary"/> folds them, <see cref="AgentStreamText"/> renders them.
/// </summary>
public sealed record AgentStreamEvent(AgentStreamKind Kind)
{
    /// <summary>Session id (Session), message id (Turn) or tool call id (ToolCall, ToolResult).</summary>
    public string? Id { get; init; }

    public string? Model { get; init; }

    /// <summary>Assistant text, tool input summary, tool output, error message, or the final message.</summary>
    public string? Text { get; init; }

    public string? Tool { get; init; }

    /// <summary>A failed tool result, an error (not a warning), or a final event that reports failure.</summary>
    public bool IsError { get; init; }

    public TokenCounts? Tokens { get; init; }

    /// <summary>Tokens per model, when the CLI breaks them down (for pricing each model separately).</summary>
    public IReadOnlyDictionary<string, TokenCounts>? ModelTokens { get; init; }

    /// <summary>Cost the CLI itself reported (Claude); never computed here.</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Turns the CLI itself counted (Claude's num_turns).</summary>
    public int? Turns { get; init; }

    /// <summary>Final: the CLI's outcome word (Claude's subtype, Codex's turn.completed/turn.failed, Gemini's status).</summary>
    public string? Outcome { get; init; }

    /// <summary>The HTTP status of the API error that ended the run, when the CLI reports it.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The CLI's error type name (Gemini's error.type, Claude's assistant `error` such as
    /// authentication_failed or rate_limit), when it gives one.</summary>
    public string? ErrorType { get; init; }

    public static AgentStreamEvent Session(string? id, string? model) => new(AgentStreamKind.Session) { Id = id, Model = model };

    public static AgentStreamEvent Assistant(string text) => new(AgentStreamKind.AssistantText) { Text = text };

    public static AgentStreamEvent ToolCall(string? id, string tool, string? input) => new(AgentStreamKind.ToolCall) { Id = id, Tool = tool, Text = input };

    public static AgentStreamEvent ToolResult(string? id, string? output, bool isError) => new(AgentStreamKind.ToolResult) { Id = id, Text = output, IsError = isError };

    public static AgentStreamEvent Turn(string? id) => new(AgentStreamKind.Turn) { Id = id };

    public static AgentStreamEvent Usage(TokenCounts tokens) => new(AgentStreamKind.Usage) { Tokens = tokens };

    public static AgentStreamEvent Problem(string message, bool isError) => new(AgentStreamKind.Error) { Text = message, IsError = isError };

    private static readonly AgentStreamEvent[] Active = [new(AgentStreamKind.Activity)];

    /// <summary>A JSON line of the stream always means something: what the parser read, else activity.</summary>
    public static IReadOnlyList<AgentStreamEvent> OrActivity(IReadOnlyList<AgentStreamEvent> events) => events.Count > 0 ? events : Active;

    /// <summary>True for the events that show the CLI working (everything but errors and retries).</summary>
    public bool IsProgress => Kind != AgentStreamKind.Error;
}
