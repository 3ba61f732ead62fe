using System.Text.Json.Nodes;
using Otto.Events;

namespace Otto.Pr;

/// <summary>
/// The actionable feedback on a PR, as `otto pr sync` reads it through gh (pure: gh's JSON in, findings
/// out): inline review comments that start a thread (`gh api .../pulls/N/comments`, REST fields), reviews
/// that request changes and say why (`gh pr view --json reviews`), and checks of the PR's head that failed
/// (`gh pr view --json statusCheckRollup`: CheckRun conclusions, StatusContext states). Each has a stable
/// id, so what an earlier round handled is never handled twice. All of it is "major": a human asked.
/// </summary>
public static class PrFeedbackReader
{
    public const string ViewFields = "headRefOid,reviews,statusCheckRollup";

    private static readonly HashSet<string> FailedConclusions = ["FAILURE", "TIMED_OUT", "CANCELLED", "ACTION_REQUIRED", "STARTUP_FAILURE"];

    private static readonly HashSet<string> FailedStates = ["FAILURE", "ERROR"];

    public static IReadOnlyList<Finding> Read(JsonObject view, IEnumerable<JsonObject> comments, IReadOnlySet<string> handled)
    {
        var head = Str(view["headRefOid"]) ?? "";
        var findings = new List<Finding>();
        foreach (var comment in comments.Where(c => c["in_reply_to_id"] is null && Str(c["body"]) is { Length: > 0 }))
        {
            var line = Int(comment["line"]) ?? Int(comment["original_line"]);
            findings.Add(new Finding(Str(comment["path"]), line, "major", Str(comment["body"])!.Trim(),
                Id: "comment:" + comment["id"], Url: Str(comment["html_url"]), Author: Str(comment["user"]?["login"])));
        }
        foreach (var review in (view["reviews"] as JsonArray ?? []).OfType<JsonObject>()
                     .Where(r => Str(r["state"]) == "CHANGES_REQUESTED" && Str(r["body"]) is { Length: > 0 }))
        {
            var author = Str(review["author"]?["login"]);
            var id = Str(review["id"]) ?? $"{author}@{Str(review["submittedAt"])}"; // older gh has no review id
            findings.Add(new Finding(null, null, "major", $"{author ?? "a reviewer"} requested changes: {Str(review["body"])!.Trim()}",
                Id: "review:" + id, Url: Str(review["url"]), Author: author));
        }
        foreach (var check in (view["statusCheckRollup"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var (name, failed, url) = Str(check["__typename"]) == "CheckRun"
                ? (Join(Str(check["workflowName"]), Str(check["name"])), FailedConclusions.Contains(Str(check["conclusion"]) ?? ""), Str(check["detailsUrl"]))
                : (Str(check["context"]) ?? "a status", FailedStates.Contains(Str(check["state"]) ?? ""), Str(check["targetUrl"]));
            if (!failed) continue;
            var said = Str(check["conclusion"]) ?? Str(check["state"]);
            findings.Add(new Finding(null, null, "major",
                $"the check `{name}` failed ({said?.ToLowerInvariant()}) on {Short(head)}{(url is null ? "" : $": {url}")}; reproduce it locally, find the cause and fix it",
                Id: $"check:{name}@{head}", Url: url));
        }
        return [.. findings.Where(f => !handled.Contains(f.Id!))];
    }

    private static string Join(string? workflow, string? name) => workflow is { Length: > 0 } ? $"{workflow} / {name}" : name ?? "a check";

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int? Int(JsonNode? node) => node is JsonValue v && v.TryGetValue<int>(out var i) ? i : null;
}
