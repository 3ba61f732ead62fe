using System.Collections.Concurrent;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Otto.Contracts;

/// <summary>Validates agent-written JSON against schemas/*.schema.json; each error names the field.</summary>
public static class SchemaValidator
{
    private static readonly ConcurrentDictionary<string, JsonSchema> Cache = new();

    /// <summary>Errors like "tasks[1].owned_paths: expected an array", empty when valid.</summary>
    public static IReadOnlyList<string> Validate(string schemaName, string json)
    {
        var schema = Cache.GetOrAdd(schemaName, name =>
            JsonSchema.FromJsonAsync(EmbeddedFiles.Read($"schemas/{name}.schema.json")).GetAwaiter().GetResult());
        return schema.Validate(json).SelectMany(Flatten).Select(Describe).Distinct().ToList();
    }

    private static IEnumerable<ValidationError> Flatten(ValidationError error) =>
        error is ChildSchemaValidationError child && child.Errors.Count > 0
            ? child.Errors.SelectMany(e => e.Value).SelectMany(Flatten)
            : [error];

    private static string Describe(ValidationError error)
    {
        var path = FieldPath(error.Path);
        var what = error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"`{error.Property}` is required",
            ValidationErrorKind.NotInEnumeration => "is not one of the allowed values",
            ValidationErrorKind.StringExpected => "must be a string",
            ValidationErrorKind.ArrayExpected => "must be an array",
            ValidationErrorKind.BooleanExpected => "must be true or false",
            ValidationErrorKind.ObjectExpected => "must be an object",
            ValidationErrorKind.IntegerExpected => "must be a whole number",
            ValidationErrorKind.NumberExpected => "must be a number",
            _ => error.Kind.ToString(),
        };
        if (error.Kind == ValidationErrorKind.PropertyRequired)
        {
            var parent = FieldPath(error.Path?[..Math.Max(0, error.Path.LastIndexOf('.'))]);
            return parent.Length == 0 ? what : $"{parent}: {what}";
        }
        return path.Length == 0 ? what : $"{path} {what}";
    }

    /// <summary>"#/tasks[1].owned_paths" -> "tasks[1].owned_paths".</summary>
    private static string FieldPath(string? path) => (path ?? "").TrimStart('#', '/').Replace("/", ".", StringComparison.Ordinal);
}
