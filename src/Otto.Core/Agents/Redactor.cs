using System.Text.RegularExpressions;

namespace Otto.Agents;

/// <summary>
/// Keeps secrets out of every file otto writes: the values of secret-looking environment variables
/// (*_API_KEY, *_TOKEN, *SECRET*, *PASSWORD*), `sk-`-style keys and Authorization/Bearer headers.
/// </summary>
public sealed partial class Redactor
{
    public const string Mask = "[REDACTED]";

    private readonly string[] _values;

    public Redactor(IEnumerable<KeyValuePair<string, string?>> environment)
    {
        _values = environment
            .Where(kv => IsSecretName(kv.Key) && kv.Value is { Length: >= 6 })
            .Select(kv => kv.Value!)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(v => v.Length)
            .ToArray();
    }

    /// <summary>A redactor for this process's own environment.</summary>
    public static Redactor FromProcess() =>
        new(System.Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => KeyValuePair.Create((string)e.Key, (string?)e.Value)));

    public static bool IsSecretName(string name)
    {
        var upper = name.ToUpperInvariant();
        return upper.EndsWith("_API_KEY", StringComparison.Ordinal) || upper.EndsWith("_TOKEN", StringComparison.Ordinal)
            || upper.Contains("SECRET", StringComparison.Ordinal) || upper.Contains("PASSWORD", StringComparison.Ordinal)
            || upper is "API_KEY" or "TOKEN" || upper.EndsWith("_KEY", StringComparison.Ordinal) && upper.Contains("API", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\bsk-[A-Za-z0-9_\-]{16,}")]
    private static partial Regex SkKey();

    [GeneratedRegex(@"(?i)(authorization\s*[:=]\s*)(""?)(?:bearer\s+|basic\s+)?[^\s""',}]+")]
    private static partial Regex AuthorizationHeader();

    [GeneratedRegex(@"(?i)\bbearer\s+[A-Za-z0-9._\-+/=]{12,}")]
    private static partial Regex BearerToken();

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        foreach (var value in _values) text = text.Replace(value, Mask, StringComparison.Ordinal);
        text = SkKey().Replace(text, Mask);
        text = AuthorizationHeader().Replace(text, m => m.Groups[1].Value + m.Groups[2].Value + Mask);
        return BearerToken().Replace(text, "Bearer " + Mask);
    }

    /// <summary>Secrets are shorter than this; text this close to a chunk's end waits for the next chunk.</summary>
    private const int Overlap = 4096;
    private const int ChunkChars = 1 << 20;

    /// <summary>Rewrites a file in place when it holds anything to redact, in chunks (constant memory even
    /// for a 1 GB log that is one single line), carrying the tail of each chunk over so a secret that
    /// straddles two chunks is still seen whole.</summary>
    public void RedactFile(string path)
    {
        if (!File.Exists(path)) return;
        var temp = path + ".redacting";
        var changed = false;
        using (var reader = new StreamReader(path))
        using (var writer = new StreamWriter(temp))
        {
            var buffer = new char[ChunkChars];
            var carry = "";
            int read;
            while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            {
                var text = carry + new string(buffer, 0, read);
                var clean = Redact(text);
                changed |= clean != text;
                var keep = Math.Min(Overlap, clean.Length);
                writer.Write(clean.AsSpan(0, clean.Length - keep));
                carry = clean[^keep..];
            }
            writer.Write(carry);
        }
        if (changed) File.Move(temp, path, overwrite: true);
        else File.Delete(temp);
    }
}
