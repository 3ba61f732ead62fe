using System.Text.RegularExpressions;

namespace Otto.Templates;

/// <summary>
/// Recognizes a template still written in Handlebars (otto's template language before Scriban). Needed
/// because some Handlebars is valid Scriban with another meaning: `{{#if x}}` parses as a Scriban
/// comment and would silently render nothing.
/// </summary>
public static partial class HandlebarsSyntax
{
    /// <summary>Block helpers (`{{#if`, `{{/each`, `{{^`), partials (`{{>`), triple mustaches and `@index`-style data.</summary>
    [GeneratedRegex(@"\{\{~?[#/^>]|\{\{\{|\{\{[^}]*@(?:index|first|last|key|root)\b")]
    private static partial Regex Marker();

    /// <returns>The 1-based line and the construct of the first Handlebars-only syntax, or null.</returns>
    public static (int Line, string Construct)? Find(string text)
    {
        var match = Marker().Match(text);
        if (!match.Success) return null;
        var line = 1 + text.AsSpan(0, match.Index).Count('\n');
        var end = text.IndexOf("}}", match.Index, StringComparison.Ordinal);
        var construct = end < 0 || end - match.Index > 40 ? match.Value : text[match.Index..(end + 2)];
        return (line, construct);
    }
}
