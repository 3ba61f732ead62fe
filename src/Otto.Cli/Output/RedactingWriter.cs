using System.Text;
using Otto.Secrets;

namespace Otto.Cli.Output;

/// <summary>
/// Every line otto prints passes the redactor, whatever printed it (a reason, a log, an error message):
/// text is held until its line ends (or the writer is flushed), then redacted together with the end of
/// what came before when a secret there may go on (a PEM block printed line by line).
/// </summary>
public sealed class RedactingWriter(TextWriter inner, Lazy<Redactor> redactor) : TextWriter
{
    /// <summary>A line longer than this is let through in pieces rather than held.</summary>
    private const int MaxPending = 64 * 1024;

    private StreamRedactor? _stream;
    private readonly StringBuilder _pending = new();
    private readonly Lock _gate = new();

    /// <summary>The writer underneath (for the live view, which draws its own, already redacted, screen).</summary>
    public TextWriter Inner => inner;

    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override void Write(char value)
    {
        lock (_gate)
        {
            _pending.Append(value);
            if (value == '\n' || _pending.Length > MaxPending) Emit(_pending.Length);
        }
    }

    public override void Write(string? value)
    {
        if (string.IsNullOrEmpty(value)) return;
        lock (_gate)
        {
            _pending.Append(value);
            var lastBreak = value.LastIndexOf('\n');
            if (lastBreak >= 0) Emit(_pending.Length - (value.Length - lastBreak - 1));
            else if (_pending.Length > MaxPending) Emit(_pending.Length);
        }
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void Flush()
    {
        lock (_gate)
        {
            Emit(_pending.Length);
            inner.Flush();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }

    /// <summary>Writes the first <paramref name="length"/> pending characters, redacted.</summary>
    private void Emit(int length)
    {
        if (length == 0) return;
        var text = _pending.ToString(0, length);
        _pending.Remove(0, length);
        _stream ??= new StreamRedactor(redactor.Value); // built on the first line printed
        inner.Write(_stream.Next(text));
    }
}
