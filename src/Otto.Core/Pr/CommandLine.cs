using System.Text.RegularExpressions;

namespace Otto.Pr;

/// <summary>A command as a user would paste it into a POSIX shell: words quoted only where they need it.</summary>
public static partial class CommandLine
{
    [GeneratedRegex(@"^[A-Za-z0-9_./:=@%+,^-]+$")]
    private static partial Regex Plain();

    public static string Format(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    public static string Quote(string word) =>
        word.Length > 0 && Plain().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
