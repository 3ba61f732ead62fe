using Otto.Runs;

namespace Otto.Agents;

/// <summary>
/// The fold of one attempt's normalized stream: who (session, model), how much (turns, tokens, the
/// CLI's own cost) and how it ended (the final event, the last error reported on the way). Pure;
/// events go in one at a time, so a stream of any length takes constant memory.
/// </summary>
public sealed record StreamSummary
{
    public string? SessionId { get; init; }

    public string? Model { get; init; }

    /// <summary>The latest token totals the CLI reported, or null when it reported none.</summary>
    public TokenCounts? Tokens { get; init; }

    public IReadOnlyDictionary<string, TokenCounts>? ModelTokens { get; init; }

    /// <summary>The CLI's final event; null means the stream ended without one, which is a failure.</summary>
    public AgentStreamEvent? Final { get; init; }

    /// <summary>The last error the CLI reported along the way (not warnings).</summary>
    public string? LastError { get; init; }

    /// <summary>That error's type, when the CLI named one (Claude's assistant `error`: authentication_failed, rate_limit ...).</summary>
    public string? LastErrorType { get; init; }

    /// <summary>
    /// The last error or retry (warnings too) the CLI reported since it last showed progress: what it was
    /// stuck on when it ended or was stopped. Null once it moves on.
    /// </summary>
    public AgentStreamEvent? Trouble { get; init; }

    /// <summary>Assistant text, for a failure that has nothing better to say.</summary>
    public string? LastAssistantText { get; init; }

    /// <summary>Tool calls the agent made.</summary>
    public int ToolCalls { get; init; }

    /// <summary>Distinct model responses named by the CLI (Claude's message ids).</summary>
    public int NamedTurns { get; init; }

    /// <summary>Model responses inferred from the stream's shape: text or tool calls after a tool result.</summary>
    public int InferredTurns { get; init; }

    private string? LastTurnId { get; init; }

    private bool InResponse { get; init; }

    /// <summary>The CLI's own count when it gives one, else the named responses, else the inferred ones.</summary>
    public int? Turns => Final?.Turns ?? (NamedTurns > 0 ? NamedTurns : InferredTurns > 0 ? InferredTurns : null);

    public static StreamSummary Of(IEnumerable<AgentStreamEvent> events)
    {
        var summary = new StreamSummary();
        foreach (var e in events) summary = summary.Add(e);
        return summary;
    }

    public StreamSummary Add(AgentStreamEvent e)
    {
        var next = Fold(e);
        return e.IsProgress ? (next.Trouble is null ? next : next with { Trouble = null }) : next with { Trouble = e };
    }

    private StreamSummary Fold(AgentStreamEvent e) => e.Kind switch
    {
        AgentStreamKind.Session => this with { SessionId = SessionId ?? e.Id, Model = Model ?? e.Model },
        AgentStreamKind.Turn when e.Id is not null && e.Id != LastTurnId =>
            this with { NamedTurns = NamedTurns + 1, LastTurnId = e.Id, Model = Model ?? e.Model },
        AgentStreamKind.Turn => this with { Model = Model ?? e.Model },
        AgentStreamKind.AssistantText => Responding() with { LastAssistantText = e.Text },
        AgentStreamKind.ToolCall => Responding() with { ToolCalls = ToolCalls + 1 },
        AgentStreamKind.ToolResult => this with { InResponse = false },
        AgentStreamKind.Usage => this with { Tokens = e.Tokens, ModelTokens = e.ModelTokens ?? ModelTokens },
        AgentStreamKind.Final => this with { Final = e, SessionId = SessionId ?? e.Id },
        AgentStreamKind.Error when e.IsError => this with { LastError = e.Text, LastErrorType = e.ErrorType },
        _ => this,
    };

    private StreamSummary Responding() => InResponse ? this : this with { InResponse = true, InferredTurns = InferredTurns + 1 };
}
