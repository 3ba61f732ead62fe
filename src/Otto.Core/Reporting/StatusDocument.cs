using System.Globalization;
using System.Text;

namespace Otto.Reporting;

/// <summary>
/// The `otto status --json` document in two parts: the head, everything the folded state alone decides
/// (which <see cref="StatusViewFile"/> keeps beside state.json), and the tail, what changes while the log
/// does not (how long the run has taken, rate limits measured against now, the user's checkout). The
/// status, which depends on whether a driver holds its lock, is a value inside the head whose place is
/// known. This class puts the parts together and touches no System.Text.Json type, so that `otto status`
/// from the view does not load that assembly (<see cref="StatusJson"/> writes the parts).
/// </summary>
public static class StatusDocument
{
    /// <summary>The document up to and including `seq`, not closed; <see cref="StatusAt"/> and
    /// <see cref="StatusLength"/> locate the status value (a JSON string) in it, in chars.</summary>
    public sealed record Head(string Text, int StatusAt, int StatusLength);

    /// <param name="status">A status's wire name (plain lowercase letters and `_`: no escaping needed).</param>
    public static string Compose(Head head, string status, string tail)
    {
        var text = new StringBuilder(head.Text.Length + tail.Length + 16);
        text.Append(head.Text, 0, head.StatusAt).Append('"').Append(status).Append('"');
        text.Append(head.Text, head.StatusAt + head.StatusLength, head.Text.Length - head.StatusAt - head.StatusLength);
        return text.Append(tail).ToString();
    }

    /// <summary>`,` and the rest of the document after `seq`, closed, when no provider backs off and the
    /// checkout is not watched or unchanged (the common case, by hand: a first Utf8JsonWriter costs a
    /// status some 8 ms of start-up); null otherwise.</summary>
    public static string? SimpleTail(double durationSeconds, IReadOnlyList<string>? checkoutChanged)
    {
        if (checkoutChanged is { Count: > 0 }) return null;
        var checkout = checkoutChanged is null ? "null" : "[]";
        return string.Create(CultureInfo.InvariantCulture, $",\n  \"duration_s\": {durationSeconds:R},\n  \"rate_limits\": [],\n  \"checkout_changed\": {checkout}\n}}");
    }
}
