using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Otto.Contracts;

/// <summary>
/// Reads a JSON file an agent wrote, refusing what no agent should produce: empty, huge, binary or
/// malformed files each get one precise sentence naming the file.
/// </summary>
public static class ContractFile
{
    public const long MaxBytes = 1024 * 1024;

    public static (JsonObject? Json, string? Error) Read(string path, string displayName)
    {
        if (!File.Exists(path)) return (null, $"{displayName} was not written");
        var info = new FileInfo(path);
        if (info.Length == 0) return (null, $"{displayName} is empty");
        if (info.Length > MaxBytes) return (null, $"{displayName} is {info.Length} bytes, more than the {MaxBytes} a contract file may have");
        var bytes = File.ReadAllBytes(path);
        if (Array.IndexOf(bytes, (byte)0) >= 0) return (null, $"{displayName} is binary, not JSON");
        var text = Encoding.UTF8.GetString(bytes);
        return Parse(text.StartsWith('\uFEFF') ? text[1..] : text, displayName); // a UTF-8 byte order mark is not an error
    }

    public static (JsonObject? Json, string? Error) Parse(string text, string displayName)
    {
        try
        {
            var node = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
            return node is JsonObject o ? (o, null) : (null, $"{displayName} must hold a JSON object");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, column {e.BytePositionInLine + 1}" : "";
            return (null, $"{displayName} is not valid JSON{where}: {FirstSentence(e.Message)}");
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.');
    }
}
