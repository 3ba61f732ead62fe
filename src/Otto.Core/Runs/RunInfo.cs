using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Otto.Config;

namespace Otto.Runs;

/// <summary>run.json: written once when the run is created, marked with the run's key; the config snapshot is
/// what the run uses, even if otto.yaml changes later.</summary>
public sealed record RunInfo
{
    public int SchemaVersion { get; init; } = 1;
    public required string RunId { get; init; }
    public required string Intent { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string BaseBranch { get; init; }
    public required string BaseSha { get; init; }
    public required string IntegrationBranch { get; init; }
    public required string RepoRoot { get; init; }
    public required string WorktreeRoot { get; init; }
    public required OttoConfig Config { get; init; }
    public required string OttoVersion { get; init; }
    public bool PlanOnly { get; init; }

    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new DurationConverter(), new ByteSizeConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json) + "\n";

    /// <summary>run.json as otto writes it: marked with the run's key (<see cref="FileSeal"/>), as the log's lines are.</summary>
    public static byte[] Sealed(string json, RunPaths paths) =>
        FileSeal.Seal(System.Text.Encoding.UTF8.GetBytes(json), paths, FileSeal.RunName);

    public static RunInfo Load(RunPaths paths)
    {
        try
        {
            // The config the run verifies with is in here (verify.commands): one rewritten since otto wrote it
            // (`verify: true`, say) must not be what a resumed run, a worker or the final check then uses.
            var json = FileSeal.Open(File.ReadAllBytes(paths.RunJson), paths, FileSeal.RunName)
                ?? throw new OttoException($"{paths.RunJson} was changed after otto wrote it (it does not carry the mark of the run's key, or run.key is gone), "
                    + "so otto will not act on it: restore it from a backup, or start a new run (docs/security.md)", ExitCodes.RunFailed);
            return JsonSerializer.Deserialize<RunInfo>(json, Json)
                ?? throw new OttoException($"{paths.RunJson} is empty");
        }
        catch (JsonException e)
        {
            throw new OttoException($"{paths.RunJson} is not a valid run.json: {e.Message}");
        }
        catch (FileNotFoundException)
        {
            throw new OttoException($"{paths.RunJson} is missing; {paths.Dir} is not a complete run folder");
        }
    }

    public JsonObject ConfigJson() => (JsonObject)JsonSerializer.SerializeToNode(Config, Json)!;

    /// <summary>Durations as "30m", "2h" in run.json, the way otto.yaml writes them.</summary>
    private sealed class DurationConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Duration.TryParse(reader.GetString() ?? "", out var value) ? value : throw new JsonException("not a duration");

        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Duration.Format(value));
    }

    /// <summary>Sizes as "50MB" in run.json, the way otto.yaml writes them.</summary>
    private sealed class ByteSizeConverter : JsonConverter<ByteSize>
    {
        public override ByteSize Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            ByteSize.TryParse(reader.TokenType == JsonTokenType.Number ? reader.GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) : reader.GetString() ?? "", out var value)
                ? value : throw new JsonException("not a size");

        public override void Write(Utf8JsonWriter writer, ByteSize value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
