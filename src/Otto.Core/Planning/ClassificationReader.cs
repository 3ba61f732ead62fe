using Otto.Contracts;
using Otto.Runs;

namespace Otto.Planning;

/// <summary>Reads and validates .ai/classification.json.</summary>
public static class ClassificationReader
{
    public static (Classification? Value, string? Error) Read(string path)
    {
        var (json, error) = ContractFile.Read(path, ".ai/classification.json");
        if (json is null) return (null, error);
        var errors = SchemaValidator.Validate("classification", json.ToJsonString());
        if (errors.Count > 0) return (null, $".ai/classification.json: {string.Join("; ", errors)}");
        return (new Classification((string)json["kind"]!, (string)json["size"]!, (bool)json["single_task"]!, (string?)json["rationale"]), null);
    }
}
