using System.Text.Json.Nodes;
using Otto.Ownership;

namespace Otto.Planning;

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

/// <summary>Where an amendment goes: the task that owns its path (<see cref="PathOwners"/>), or why it
/// cannot go anywhere. Pure; the engine routes it (open owner: its next prompt; merged owner: a new attempt).</summary>
public sealed record AmendmentRoute(AmendmentRequest Request, string? Owner, string? Problem)
{
    public static IReadOnlyList<AmendmentRoute> For(PathOwners owners, string requester, IEnumerable<AmendmentRequest> requests) =>
        requests.Select(r => owners.OwnerOf(r.Path) switch
        {
            null => new AmendmentRoute(r, null, $"no task owns {r.Path}, so no task can make the change"),
            var owner when owner == requester => new AmendmentRoute(r, owner, $"{r.Path} is task {requester}'s own path: it can change it itself"),
            var owner => new AmendmentRoute(r, owner, null),
        }).ToList();
}
