using System.Text.Json.Nodes;
using Otto.Ownership;

namespace Otto.Contracts;

/// <summary>One entry of status.json `amendments`: a change the task needs in a path it does not own.</summary>
public sealed record AmendmentRequest(string Path, string Change, string? Reason)
{
    /// <summary>The entries of a status file's `amendments` (already schema-checked: objects with path and
    /// change), or the first problem, naming the entry: a path must be one an owned path could be.</summary>
    public static (IReadOnlyList<AmendmentRequest> Requests, string? Error) Parse(JsonNode? node, string source)
    {
        if (node is not JsonArray array) return ([], null);
        var requests = new List<AmendmentRequest>();
        for (var i = 0; i < array.Count; i++)
        {
            var entry = array[i] as JsonObject;
            var path = ((string?)entry?["path"])?.Trim() ?? "";
            if (PathPattern.Problem(path) is { } problem) return (requests, $"{source}: amendments[{i}].path '{path}' {problem}");
            requests.Add(new AmendmentRequest(path, ((string?)entry?["change"])?.Trim() ?? "", ((string?)entry?["reason"])?.Trim() is { Length: > 0 } r ? r : null));
        }
        return (requests, null);
    }
}
