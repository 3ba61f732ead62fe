using System.Text;

namespace Otto.Hooks;

public enum ShellTokenKind
{
    Word,

    /// <summary>; &amp; &amp;&amp; || | ( ) or a newline: ends a simple command.</summary>
    Separator,

    /// <summary>A redirection operator, with its file descriptor if one was written (2&gt;, &gt;&gt;, &amp;&gt; ...).</summary>
    Redirect,
}

/// <param name="Literal">False when the word's value is only known when the shell runs it ($VAR, $(...),
/// `...`, an unquoted glob): such words are not judged.</param>
public sealed record ShellToken(ShellTokenKind Kind, string Text, bool Literal = true);

/// <summary>
/// Splits a shell command line the way sh would, far enough to see commands, their words and their
/// redirections: quotes, backslashes, comments, $(...) and `...` kept inside a word, here-document
/// bodies skipped. Best-effort by design (it is no shell): a hook that reads it can only deny more.
/// </summary>
public static class ShellTokens
{
    public static IReadOnlyList<ShellToken> Split(string command)
    {
        var tokens = new List<ShellToken>();
        var word = new StringBuilder();
        var inWord = false;
        var literal = true;
        var heredocs = new Queue<(string Delimiter, bool StripTabs)>();
        var s = command;
        var i = 0;

        void Flush()
        {
            if (inWord) tokens.Add(new ShellToken(ShellTokenKind.Word, word.ToString(), literal));
            word.Clear();
            inWord = false;
            literal = true;
        }

        while (i < s.Length)
        {
            var c = s[i];
            if (c is ' ' or '\t') { Flush(); i++; continue; }
            if (c == '\n')
            {
                Flush();
                tokens.Add(new ShellToken(ShellTokenKind.Separator, "\n"));
                i++;
                while (heredocs.Count > 0) i = SkipHeredoc(s, i, heredocs.Dequeue());
                continue;
            }
            if (c == '#' && !inWord) { while (i < s.Length && s[i] != '\n') i++; continue; }
            if (c is ';' or '|' or '(' or ')' || (c == '&' && !At(s, i + 1, '>')))
            {
                Flush();
                var op = s.Length > i + 1 && (s.Substring(i, 2) is "&&" or "||" or ";;" or "|&") ? s.Substring(i, 2) : c.ToString();
                tokens.Add(new ShellToken(ShellTokenKind.Separator, op));
                i += op.Length;
                continue;
            }
            if (c is '<' or '>' || (c == '&' && At(s, i + 1, '>')))
            {
                var fd = inWord && literal && word.Length > 0 && word.ToString().All(char.IsAsciiDigit) ? word.ToString() : "";
                if (fd.Length > 0) { word.Clear(); inWord = false; }
                Flush();
                var op = RedirectOperator(s, i);
                tokens.Add(new ShellToken(ShellTokenKind.Redirect, fd + op));
                i += op.Length;
                if (op is "<<" or "<<-") heredocs.Enqueue((NextWordText(s, ref i), op == "<<-"));
                continue;
            }
            inWord = true;
            switch (c)
            {
                case '\\':
                    if (i + 1 < s.Length && s[i + 1] != '\n') word.Append(s[i + 1]);
                    i += 2;
                    break;
                case '\'':
                    var close = s.IndexOf('\'', i + 1);
                    if (close < 0) close = s.Length;
                    word.Append(s, i + 1, close - i - 1);
                    i = close + 1;
                    break;
                case '"':
                    i++;
                    while (i < s.Length && s[i] != '"')
                    {
                        if (s[i] == '\\' && i + 1 < s.Length && s[i + 1] is '$' or '`' or '"' or '\\' or '\n') i++;
                        else if (s[i] is '$' or '`') literal = false;
                        word.Append(s[i]);
                        i++;
                    }
                    i++;
                    break;
                case '$' or '`':
                    literal = false;
                    var end = c == '`' ? s.IndexOf('`', i + 1) : At(s, i + 1, '(') ? MatchingParen(s, i + 1) : i;
                    if (end < 0) end = s.Length - 1;
                    word.Append(s, i, end - i + 1);
                    i = end + 1;
                    break;
                default:
                    if (c is '*' or '?' or '[') literal = false;
                    word.Append(c);
                    i++;
                    break;
            }
        }
        Flush();
        return tokens;
    }

    private static bool At(string s, int i, char c) => i < s.Length && s[i] == c;

    private static string RedirectOperator(string s, int i)
    {
        foreach (var op in new[] { "&>>", "<<<", "<<-", "&>", ">>", ">|", ">&", "<<", "<&", "<>", ">", "<" })
        {
            if (string.CompareOrdinal(s, i, op, 0, op.Length) == 0) return op;
        }
        return s[i].ToString();
    }

    /// <summary>The here-document's delimiter word (quotes removed), advancing past it.</summary>
    private static string NextWordText(string s, ref int i)
    {
        while (i < s.Length && s[i] is ' ' or '\t') i++;
        var text = new StringBuilder();
        while (i < s.Length && s[i] is not (' ' or '\t' or '\n' or ';' or '&' or '|' or '<' or '>'))
        {
            if (s[i] is not ('\'' or '"' or '\\')) text.Append(s[i]);
            i++;
        }
        return text.ToString();
    }

    private static int SkipHeredoc(string s, int i, (string Delimiter, bool StripTabs) heredoc)
    {
        while (i < s.Length)
        {
            var end = s.IndexOf('\n', i);
            var line = end < 0 ? s[i..] : s[i..end];
            i = end < 0 ? s.Length : end + 1;
            if ((heredoc.StripTabs ? line.TrimStart('\t') : line) == heredoc.Delimiter) break;
        }
        return i;
    }

    private static int MatchingParen(string s, int open)
    {
        var depth = 0;
        for (var i = open; i < s.Length; i++)
        {
            if (s[i] == '(') depth++;
            else if (s[i] == ')' && --depth == 0) return i;
        }
        return s.Length - 1;
    }
}
