using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Otto.Secrets;

/// <summary>
/// Keeps secrets out of everything otto writes: finds the formats of secret-rules.json and the values of
/// secret-named environment variables, and masks them as <see cref="Mask"/>. Stateless and thread-safe.
/// </summary>
public sealed class Redactor
{
    public const string Mask = "[REDACTED]";

    private readonly SecretRules _rules;
    private readonly Dictionary<string, int> _ruleOrder;
    private readonly string[] _values;

    public Redactor(IEnumerable<KeyValuePair<string, string?>> environment, SecretRules? rules = null)
    {
        _rules = rules ?? SecretRules.Default;
        _ruleOrder = _rules.Names.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        _values = environment
            .Where(kv => _rules.Environment.IsSecretName(kv.Key) && kv.Value is { } value && value.Length >= _rules.Environment.MinLength)
            .Select(kv => kv.Value!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)
            .ToArray();
    }

    /// <summary>A redactor for this process's own environment.</summary>
    public static Redactor FromProcess() =>
        new(Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => KeyValuePair.Create((string)e.Key, (string?)e.Value)));

    public static bool IsSecretName(string name) => SecretRules.Default.Environment.IsSecretName(name);

    /// <summary>The secrets in a text, ordered and without overlaps: overlapping finds are joined into one,
    /// named by the rule listed first.</summary>
    public IReadOnlyList<SecretMatch> Find(string text)
    {
        if (string.IsNullOrEmpty(text)) return [];
        var found = new List<SecretMatch>();
        foreach (var rule in _rules.Patterns)
        {
            foreach (var m in rule.Matches(text))
            {
                var secret = rule.SecretGroup >= 0 && m.Groups[rule.SecretGroup].Success ? m.Groups[rule.SecretGroup] : m;
                if (secret.Length > 0 && !rule.IsPlaceholder(secret.Value)) found.Add(new SecretMatch(secret.Index, secret.Length, rule.Name));
            }
        }
        foreach (var value in _values)
        {
            for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
                found.Add(new SecretMatch(at, value.Length, _rules.Environment.Name));
        }
        return Join(found);
    }

    private List<SecretMatch> Join(List<SecretMatch> found)
    {
        if (found.Count <= 1) return found;
        found.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.Length.CompareTo(a.Length));
        var joined = new List<SecretMatch> { found[0] };
        foreach (var next in found.Skip(1))
        {
            var last = joined[^1];
            if (next.Start >= last.End)
            {
                joined.Add(next);
                continue;
            }
            var rule = _ruleOrder[next.Rule] < _ruleOrder[last.Rule] ? next.Rule : last.Rule;
            joined[^1] = new SecretMatch(last.Start, Math.Max(last.End, next.End) - last.Start, rule);
        }
        return joined;
    }

    public string Redact(string text)
    {
        var matches = Find(text);
        return matches.Count == 0 ? text : Apply(text, matches, 0, text.Length);
    }

    /// <summary>text[from..to] with every match, or the part of it inside that range, masked.</summary>
    internal static string Apply(string text, IReadOnlyList<SecretMatch> matches, int from, int to)
    {
        var result = new StringBuilder(to - from);
        var at = from;
        foreach (var match in matches)
        {
            var start = Math.Max(match.Start, from);
            var end = Math.Min(match.End, to);
            if (end <= start || end <= at) continue;
            if (start > at) result.Append(text, at, start - at);
            result.Append(Mask);
            at = end;
        }
        if (at < to) result.Append(text, at, to - at);
        return result.ToString();
    }

    /// <summary>
    /// Rewrites a file in place when it holds anything to mask: looked through first (most logs hold no
    /// secret and are never rewritten), then copied chunk by chunk to a temp file that replaces it. Constant
    /// memory, even for a 1 GB log that is one single line.
    /// </summary>
    public void RedactFile(string path)
    {
        if (!File.Exists(path)) return;
        using (var reader = Open(path))
        {
            if (!ChunkedRedaction.Run(this, reader, null)) return;
        }
        var temp = path + ".redacting";
        using (var reader = Open(path))
        using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(false)))
        {
            ChunkedRedaction.Run(this, reader, writer);
        }
        File.Move(temp, path, overwrite: true);
    }

    private static StreamReader Open(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), Encoding.UTF8);

    /// <summary>
    /// A JSON text with secrets masked in its string values (decoded first, so a PEM block escaped as
    /// "-----BEGIN...\n..." is seen as the lines it is). Text that holds no secret comes back as it was.
    /// </summary>
    public string RedactJson(string json)
    {
        if (Find(json).Count == 0 && !json.Contains('\\', StringComparison.Ordinal)) return json;
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return Redact(json);
        }
        if (node is null || !RedactStrings(node)) return json;
        var indented = json.TrimStart().Length > 1 && json.TrimStart()[1] is '\n' or '\r';
        var trailing = json.EndsWith('\n') ? "\n" : "";
        return node.ToJsonString(new JsonSerializerOptions { WriteIndented = indented }) + trailing;
    }

    /// <returns>True when a string changed.</returns>
    private bool RedactStrings(JsonNode node)
    {
        var children = node switch
        {
            JsonObject obj => obj.Select(kv => (kv.Value, (Action<JsonNode>)(value => obj[kv.Key] = value))).ToList(),
            JsonArray array => array.Select((child, i) => (child, (Action<JsonNode>)(value => array[i] = value))).ToList(),
            _ => [],
        };
        var changed = false;
        foreach (var (child, replace) in children)
        {
            if (child is JsonValue value && value.TryGetValue<string>(out var text))
            {
                var clean = Redact(text);
                if (clean == text) continue;
                replace(clean);
                changed = true;
            }
            else if (child is not null)
            {
                changed |= RedactStrings(child);
            }
        }
        return changed;
    }
}
