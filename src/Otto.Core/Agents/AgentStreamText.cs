using System.Globalization;
using System.Text;

namespace Otto.Agents;

/// <summary>
/// Renders a normalized agent stream for people (`otto logs`): the session, what the model wrote,
/// each tool call and its result on one line, errors, and the final outcome with turns, tokens and cost.
/// Streaming in, streaming out: chunks of assistant text are joined, nothing else is held.
/// </summary>
public static class AgentStreamText
{
    private const int ResultWidth = 120;

    public static IEnumerable<string> Render(IEnumerable<AgentStreamEvent> events)
    {
        var text = new StringBuilder();
        foreach (var e in events)
        {
            if (e.Kind != AgentStreamKind.AssistantText && text.Length > 0)
            {
                foreach (var line in Assistant(text.ToString())) yield return line;
                text.Clear();
            }
            switch (e.Kind)
            {
                case AgentStreamKind.AssistantText:
                    text.Append(e.Text);
                    break;
                case AgentStreamKind.Session:
                    yield return $"session {e.Id ?? "?"}" + (e.Model is null ? "" : $" (model {e.Model})");
                    break;
                case AgentStreamKind.ToolCall:
                    yield return $"-> {e.Tool} {e.Text}".TrimEnd();
                    break;
                case AgentStreamKind.ToolResult:
                    yield return (e.IsError ? "   <- error: " : "   <- ") + JsonLine.OneLine(e.Text ?? "", ResultWidth);
                    break;
                case AgentStreamKind.Error:
                    yield return (e.IsError ? "error: " : "warning: ") + e.Text;
                    break;
                case AgentStreamKind.Usage:
                    yield return Usage(e);
                    break;
                case AgentStreamKind.Final:
                    foreach (var line in Final(e)) yield return line;
                    break;
            }
        }
        if (text.Length > 0)
        {
            foreach (var line in Assistant(text.ToString())) yield return line;
        }
    }

    private static IEnumerable<string> Assistant(string text)
    {
        var lines = text.Trim().Split('\n');
        yield return "assistant: " + lines[0].TrimEnd();
        foreach (var line in lines.Skip(1)) yield return "  " + line.TrimEnd();
    }

    private static string Usage(AgentStreamEvent e)
    {
        var t = e.Tokens!;
        return string.Create(CultureInfo.InvariantCulture, $"tokens: {t.Input} in ({t.Cached} cached), {t.Output} out");
    }

    private static IEnumerable<string> Final(AgentStreamEvent e)
    {
        var parts = new List<string> { e.Outcome ?? "done" };
        if (e.ErrorType is { } type) parts.Add(type);
        if (e.HttpStatus is { } status) parts.Add(string.Create(CultureInfo.InvariantCulture, $"API status {status}"));
        if (e.Turns is { } turns) parts.Add(string.Create(CultureInfo.InvariantCulture, $"{turns} turns"));
        if (e.CostUsd is { } cost) parts.Add(string.Create(CultureInfo.InvariantCulture, $"${cost:0.####}"));
        yield return (e.IsError ? "result (failed): " : "result: ") + string.Join(", ", parts);
        if (e.Text is { Length: > 0 } text)
        {
            foreach (var line in text.Trim().Split('\n')) yield return "  " + line.TrimEnd();
        }
    }
}
