using System.Text;
using Otto.Platform;

namespace Otto.Cli.Output;

/// <summary>
/// What otto prints passes through here: every line has its terminal control sequences removed
/// (<see cref="TerminalText"/>), so an agent's output quoted in a reason, a task title or `otto logs`
/// cannot set the window title, clear the screen or recolour the terminal. Text is held until its line
/// ends (a sequence is never cut in two) or until Flush.
/// </summary>
public sealed class SanitizingWriter(TextWriter inner) : TextWriter(inner.FormatProvider)
{
    private readonly StringBuilder _pending = new();

    public override Encoding Encoding => inner.Encoding;

    /// <summary>A thread-safe sanitizing writer over <paramref name="inner"/>.</summary>
    public static TextWriter Over(TextWriter inner) => Synchronized(new SanitizingWriter(inner));

    public override void Write(char value)
    {
        _pending.Append(value);
        if (value == '\n') Emit(_pending.Length);
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        _pending.Append(value);
        if (value.Contains('\n', StringComparison.Ordinal)) Emit(LastNewline() + 1);
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Flush()
    {
        Emit(_pending.Length);
        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }

    private int LastNewline()
    {
        for (var i = _pending.Length - 1; i >= 0; i--)
        {
            if (_pending[i] == '\n') return i;
        }
        return -1;
    }

    private void Emit(int length)
    {
        if (length <= 0) return;
        inner.Write(TerminalText.Strip(_pending.ToString(0, length)));
        _pending.Remove(0, length);
    }
}
