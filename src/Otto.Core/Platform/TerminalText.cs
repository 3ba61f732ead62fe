using System.Text;

namespace Otto.Platform;

/// <summary>
/// The one sanitizer for terminal control sequences. Agents and test runners print colour codes, window
/// titles, "clear screen" and progress bars redrawn with carriage returns; stored reasons, prompts and
/// every line otto prints get the text a reader would have seen instead (raw logs on disk keep the bytes).
/// Removed: ANSI CSI sequences (colours, cursor moves, erase), OSC strings (window title, hyperlinks),
/// DCS/SOS/PM/APC strings, other ESC sequences (reset, charset), the 8-bit C1 forms of all of them and
/// every other C0 control except newline and tab. A CR before LF is dropped; a lone CR inside a line
/// starts the line over, as on a terminal, so a progress bar leaves only its last frame.
/// </summary>
public static class TerminalText
{
    private const char Esc = '\u001b';
    private const char Bel = '\u0007';
    private const char StringTerminator8Bit = '\u009c';

    /// <summary>The text without control sequences; the same instance when there were none.</summary>
    public static string Strip(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        if (!NeedsWork(text)) return text;
        var result = new StringBuilder(text.Length);
        var lineStart = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '\n':
                    result.Append(c);
                    lineStart = result.Length;
                    i++;
                    break;
                case '\t':
                    result.Append(c);
                    i++;
                    break;
                case '\r':
                    // A CR that ends the line (CRLF, or the text) only returns the cursor; one inside a
                    // line means what follows overwrites it.
                    i++;
                    if (i < text.Length && text[i] != '\n' && text[i] != '\r') result.Length = lineStart;
                    break;
                case Esc:
                    i = SkipEscape(text, i + 1);
                    break;
                case '\u009b':
                    i = SkipCsi(text, i + 1);
                    break;
                case '\u009d' or '\u0090' or '\u0098' or '\u009e' or '\u009f':
                    i = SkipString(text, i + 1, belEnds: c == '\u009d');
                    break;
                default:
                    if (!IsControl(c)) result.Append(c);
                    i++;
                    break;
            }
        }
        return result.ToString();
    }

    /// <summary>Whether the text holds anything <see cref="Strip"/> would change.</summary>
    public static bool NeedsWork(string text)
    {
        foreach (var c in text)
        {
            if (c != '\n' && c != '\t' && IsControl(c)) return true;
        }
        return false;
    }

    private static bool IsControl(char c) => c < ' ' || c is >= '\u007f' and <= '\u009f';

    /// <summary>After an ESC: the index just past the sequence it starts.</summary>
    private static int SkipEscape(string text, int i)
    {
        if (i >= text.Length) return i;
        var c = text[i];
        if (c == '[') return SkipCsi(text, i + 1);
        if (c == ']') return SkipString(text, i + 1, belEnds: true);
        if (c is 'P' or 'X' or '^' or '_') return SkipString(text, i + 1, belEnds: false);
        // nF sequences (e.g. ESC ( B): intermediate bytes, then one final byte.
        while (i < text.Length && text[i] is >= ' ' and <= '/') i++;
        return i < text.Length && text[i] is >= '0' and <= '~' ? i + 1 : i;
    }

    /// <summary>A control sequence: parameter and intermediate bytes, then one final byte.</summary>
    private static int SkipCsi(string text, int i)
    {
        while (i < text.Length && text[i] is >= ' ' and <= '?') i++;
        return i < text.Length && text[i] is >= '@' and <= '~' ? i + 1 : i;
    }

    /// <summary>A control string (OSC, DCS, ...) runs to ST (ESC \ or 0x9C), or BEL for OSC; an
    /// unterminated one runs to the end of the text, which is what a terminal would swallow.</summary>
    private static int SkipString(string text, int i, bool belEnds)
    {
        while (i < text.Length)
        {
            var c = text[i];
            if (c == StringTerminator8Bit || (belEnds && c == Bel)) return i + 1;
            // ESC \ is ST; any other ESC aborts the string and starts a sequence of its own.
            if (c == Esc) return i + 1 < text.Length && text[i + 1] == '\\' ? i + 2 : i;
            i++;
        }
        return i;
    }
}
