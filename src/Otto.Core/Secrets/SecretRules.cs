using System.Text.RegularExpressions;
using Otto.Planning;
using YamlDotNet.RepresentationModel;

namespace Otto.Secrets;

/// <summary>
/// The rules of secret-rules.yaml, the one data file that says what a secret looks like. It ships inside
/// the assembly; every redaction and the merge gate use it.
/// </summary>
public sealed class SecretRules
{
    public const string ResourceName = "secrets/secret-rules.yaml";

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

    public static SecretRules Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var rules = ((YamlSequenceNode)root.Children[new YamlScalarNode("rules")]).Children
            .Cast<YamlMappingNode>()
            .Select(rule => new SecretRule(
                Text(rule, "name"),
                Text(rule, "what"),
                Compile(Text(rule, "pattern")),
                Optional(rule, "placeholder") is { } placeholder ? Compile($"^(?:{placeholder})$") : null))
            .ToList();
        var names = rules.Select(r => r.Name).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            throw new InvalidOperationException($"{ResourceName}: rule names must be unique");
        var env = (YamlMappingNode)root.Children[new YamlScalarNode("environment")];
        var environment = new SecretEnvironmentRule(
            Text(env, "name"), Text(env, "what"), Compile(Text(env, "names")), int.Parse(Text(env, "min_length"), System.Globalization.CultureInfo.InvariantCulture));
        return new SecretRules(rules, environment);
    }

    // Interpreted, not compiled: short-lived commands (`otto status`) would pay more to compile than they scan.
    private static Regex Compile(string pattern) => new(pattern, RegexOptions.CultureInvariant);

    private static string Text(YamlMappingNode node, string key) =>
        Optional(node, key) ?? throw new InvalidOperationException($"{ResourceName}: a rule has no `{key}`");

    private static string? Optional(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode { Value: { Length: > 0 } text } ? text : null;
}
