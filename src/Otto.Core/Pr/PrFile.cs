using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Runs;

namespace Otto.Pr;

/// <summary>
/// pr.json in the run folder: where otto pushed the run's branch and which PR shows it. `pushed_sha` is
/// the lease for the next push (otto only overwrites what it pushed itself).
/// </summary>
public sealed record PrFile
{
    public const string FileName = "pr.json";
    public const int SchemaVersion = 1;

    public required string RunId { get; init; }
    public required string Remote { get; init; }
    public required string Branch { get; init; }
    public required string Base { get; init; }
    public required string PushedSha { get; init; }
    public int? Number { get; init; }
    public string? Url { get; init; }
    public string? State { get; init; }
    public bool Draft { get; init; }
    public bool AllowFailed { get; init; }
    public bool Merged { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public static string PathIn(RunPaths paths) => Path.Combine(paths.Dir, FileName);

    public static PrFile? Read(RunPaths paths)
    {
        var path = PathIn(paths);
        if (!File.Exists(path)) return null;
        try
        {
            var o = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new OttoException($"{path} is not a JSON object");
            return new PrFile
            {
                RunId = (string?)o["run_id"] ?? paths.RunId,
                Remote = (string?)o["remote"] ?? "",
                Branch = (string?)o["branch"] ?? "",
                Base = (string?)o["base"] ?? "",
                PushedSha = (string?)o["pushed_sha"] ?? "",
                Number = (int?)o["number"],
                Url = (string?)o["url"],
                State = (string?)o["state"],
                Draft = (bool?)o["draft"] ?? false,
                AllowFailed = (bool?)o["allow_failed"] ?? false,
                Merged = (bool?)o["merged"] ?? false,
                UpdatedAt = DateTimeOffset.TryParse((string?)o["updated_at"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : default,
            };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new OttoException($"{path} cannot be read ({e.Message}); remove it if otto should forget the PR");
        }
    }

    public void Write(RunPaths paths)
    {
        var json = new JsonObject
        {
            ["schema_version"] = SchemaVersion,
            ["run_id"] = RunId,
            ["remote"] = Remote,
            ["branch"] = Branch,
            ["base"] = Base,
            ["pushed_sha"] = PushedSha,
            ["number"] = Number,
            ["url"] = Url,
            ["state"] = State,
            ["draft"] = Draft,
            ["allow_failed"] = AllowFailed,
            ["merged"] = Merged,
            ["updated_at"] = UpdatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        };
        AtomicFile.Write(PathIn(paths), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}
