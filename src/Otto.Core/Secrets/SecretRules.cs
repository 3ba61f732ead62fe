using System.Text.Json;
using System.Text.RegularExpressions;
using Otto.Contracts;

namespace Otto.Secrets;

/// <summary>
/// The rules of secret-rules.json, the one data file that says what a secret looks like. It ships inside
/// the assembly; every redaction and the merge gate use it. JSON rather than YAML: every otto command
/// prints through the redactor, and System.Text.Json is loaded anyway.
/// </summary>
public sealed class SecretRules
{
    public const string ResourceName = "secrets/secret-rules.json";

    private static readonly Lazy<SecretRules> Shipped = new(() => Parse(EmbeddedFiles.Read(ResourceName)));

    private SecretRules(IReadOnlyList<SecretRule> patterns, SecretEnvironmentRule environment)
    {
        Patterns = patterns;
        Environment = environment;
    }

    /// <summary>The rules otto ships with (parsed and compiled once per process).</summary>
    public static SecretRules Default => Shipped.Value;

    /// <summary>Pattern rules, in file order: when two overlap, the earlier one names the finding.</summary>
    public IReadOnlyList<SecretRule> Patterns { get; }

    public SecretEnvironmentRule Environment { get; }

    /// <summary>Every rule name, the environment rule last.</summary>
    public IEnumerable<string> Names => Patterns.Select(r => r.Name).Append(Environment.Name);

    public static SecretRules Parse(string json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        var root = document.RootElement;
        var rules = root.GetProperty("rules").EnumerateArray()
            .Select(rule => new SecretRule(
                Text(rule, "name"),
                Text(rule, "what"),
                Compile(Text(rule, "pattern")),
                Optional(rule, "placeholder") is { } placeholder ? Compile($"^(?:{placeholder})$") : null,
                rule.TryGetProperty("after", out var after) ? [.. after.EnumerateArray().Select(w => w.GetString()!)] : []))
            .ToList();
        var names = rules.Select(r => r.Name).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            throw new InvalidOperationException($"{ResourceName}: rule names must be unique");
        var env = root.GetProperty("environment");
        var environment = new SecretEnvironmentRule(Text(env, "name"), Text(env, "what"), Compile(Text(env, "names")), env.GetProperty("min_length").GetInt32());
        return new SecretRules(rules, environment);
    }

    // Interpreted, not compiled: short-lived commands (`otto status`) would pay more to compile than they scan.
    private static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant);

    private static string Text(JsonElement rule, string key) =>
        Optional(rule, key) ?? throw new InvalidOperationException($"{ResourceName}: a rule has no `{key}`");

    private static string? Optional(JsonElement rule, string key) =>
        rule.TryGetProperty(key, out var value) && value.GetString() is { Length: > 0 } text ? text : null;
}
