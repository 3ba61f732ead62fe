using System.Text.Json.Nodes;
using Otto.Contracts;
using Otto.Ownership;

namespace Otto.Reviewing;

/// <summary>The reviewer's answer as otto accepted it.</summary>
public sealed record ReviewAnswer(string Verdict, string? Summary, IReadOnlyList<Finding> Findings);

/// <summary>
/// The rules of `.ai/review.json` (contracts.md), as a pure function: the schema, then paths that are
/// relative and inside the repository, and messages that say something. Each error is one sentence naming
/// the finding and field, so it can be quoted back to the reviewer.
/// </summary>
public static class ReviewValidator
{
    public static (ReviewAnswer? Review, IReadOnlyList<string> Errors) Validate(JsonObject json)
    {
        var schemaErrors = SchemaValidator.Validate("review", json.ToJsonString());
        if (schemaErrors.Count > 0) return (null, schemaErrors.Select(e => $"review.json: {e}").ToList());
        var findings = new List<Finding>();
        var errors = new List<string>();
        var items = json["findings"]!.AsArray();
        for (var i = 0; i < items.Count; i++)
        {
            var f = items[i]!.AsObject();
            var path = ((string)f["path"]!).Trim();
            var message = ((string)f["message"]!).Trim();
            var problem = PathPattern.Problem(path) ?? (path.IndexOfAny(['*', '?']) >= 0 ? "must name one file, not a pattern" : null);
            if (problem is not null) errors.Add($"review.json: findings[{i}].path '{path}' {problem}");
            if (message.Length == 0) errors.Add($"review.json: findings[{i}].message is empty; say what is wrong");
            findings.Add(new Finding(path, (int?)f["line"], (string)f["severity"]!, message, (string?)f["task"]));
        }
        var verdict = (string)json["verdict"]!;
        if (verdict == "approve" && findings.Any(f => f.Severity == "blocker"))
            errors.Add("review.json: the verdict is approve but a finding is a blocker; request_changes, or lower its severity");
        return errors.Count > 0 ? (null, errors) : (new ReviewAnswer(verdict, (string?)json["summary"], findings), errors);
    }
}
