using System.Buffers;
using System.Text.RegularExpressions;

namespace Otto.Secrets;

/// <summary>
/// One secret format from secret-rules.json: its name (what reports say), the pattern, the values it leaves
/// alone because they are examples (`password=changeme`), and optionally the words it must follow.
/// </summary>
public sealed record SecretRule(string Name, string What, Regex Pattern, Regex? Placeholder, IReadOnlyList<string> After)
{
    private readonly SearchValues<string>? _afterWords = After.Count == 0 ? null : SearchValues.Create([.. After], StringComparison.OrdinalIgnoreCase);
    private readonly string[] _longestFirst = [.. After.OrderByDescending(w => w.Length)];

    /// <summary>The group that is masked, when the pattern names one (the value, not `password=`).</summary>
    public int SecretGroup { get; } = Pattern.GroupNumberFromName("secret");

    public bool IsPlaceholder(string value) => Placeholder?.IsMatch(value) ?? false;

    /// <summary>Every match in the text: searched for by the pattern itself, or (with <see cref="After"/>)
    /// tried right after each of the words, which are found first and fast.</summary>
    public IEnumerable<Match> Matches(string text)
    {
        if (_afterWords is null)
        {
            for (var m = Pattern.Match(text); m.Success; m = m.NextMatch()) yield return m;
            yield break;
        }
        for (var at = text.AsSpan().IndexOfAny(_afterWords); at >= 0; at = NextWord(text, at + 1))
        {
            foreach (var word in _longestFirst)
            {
                // IsMatch first: it allocates nothing, and after most words (a log's "tokens") nothing matches.
                if (!text.AsSpan(at).StartsWith(word, StringComparison.OrdinalIgnoreCase) || !Pattern.IsMatch(text.AsSpan(), at + word.Length)) continue;
                var m = Pattern.Match(text, at + word.Length);
                if (m.Success)
                {
                    yield return m;
                    break;
                }
            }
        }
    }

    private int NextWord(string text, int from)
    {
        if (from >= text.Length) return -1;
        var i = text.AsSpan(from).IndexOfAny(_afterWords!);
        return i < 0 ? -1 : from + i;
    }
}

/// <summary>Which environment variables hold secrets: their values are masked wherever they appear.</summary>
public sealed record SecretEnvironmentRule(string Name, string What, Regex Names, int MinLength)
{
    public bool IsSecretName(string variable) => Names.IsMatch(variable);
}
