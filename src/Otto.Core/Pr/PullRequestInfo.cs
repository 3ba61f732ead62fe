using System.Text.Json.Nodes;

namespace Otto.Pr;

/// <summary>A PR as `gh pr view/list --json number,url,state,headRefOid,isDraft,baseRefName` describes it.</summary>
/// <param name="State">OPEN, CLOSED or MERGED (gh's values).</param>
public sealed record PullRequestInfo(int Number, string Url, string State, string HeadRefOid, bool IsDraft, string? BaseRefName)
{
    /// <summary>The fields otto asks gh for (names from `gh pr view --json`).</summary>
    public const string Fields = "number,url,state,headRefOid,isDraft,baseRefName";

    public const string Open = "OPEN";
    public const string Merged = "MERGED";

    public static PullRequestInfo From(JsonObject json, string command) => new(
        json["number"] is JsonValue n && n.TryGetValue<int>(out var number) ? number : throw Missing("number", command),
        (string?)json["url"] ?? throw Missing("url", command),
        (string?)json["state"] ?? throw Missing("state", command),
        (string?)json["headRefOid"] ?? throw Missing("headRefOid", command),
        json["isDraft"] is JsonValue d && d.TryGetValue<bool>(out var draft) && draft,
        (string?)json["baseRefName"]);

    private static OttoException Missing(string field, string command) =>
        new($"`{command}` answered without `{field}`; is gh too old for otto (it needs `--json {Fields}`)?", ExitCodes.Environment);
}
