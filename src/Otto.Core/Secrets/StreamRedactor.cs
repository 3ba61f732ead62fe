namespace Otto.Secrets;

/// <summary>
/// Redacts text that is shown as it arrives (a console line, a followed log), where nothing can be held
/// back: each piece is redacted together with the end of what came before it when a secret there may go on
/// (a PEM block arriving line by line), so its continuation is masked too. One instance per stream.
/// </summary>
public sealed class StreamRedactor(Redactor redactor)
{
    /// <summary>The most of earlier text kept as context (a PEM block is far shorter).</summary>
    private const int MaxContext = 64 * 1024;

    private string _context = "";

    /// <summary>One whole line (without its line break), redacted with the context of the lines before it.</summary>
    public string NextLine(string line)
    {
        var shown = Next(line + "\n");
        return shown.EndsWith('\n') ? shown[..^1] : shown;
    }

    public string Next(string text)
    {
        if (text.Length == 0) return text;
        var full = _context + text;
        var matches = redactor.Find(full);
        var shown = Redactor.Apply(full, matches, _context.Length, full.Length);
        // A secret that reaches the end of what has arrived (its line break aside) may go on in the next piece.
        var open = full.TrimEnd('\r', '\n').Length;
        var keepFrom = matches.Where(m => m.End >= open).Select(m => m.Start).DefaultIfEmpty(full.Length).Min();
        _context = full.Length - keepFrom > MaxContext ? "" : full[keepFrom..];
        return shown;
    }
}
