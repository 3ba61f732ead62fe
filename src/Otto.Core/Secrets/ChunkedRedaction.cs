namespace Otto.Secrets;

/// <summary>
/// Redacts text of any length in constant memory: chunk by chunk, holding the last <see cref="Overlap"/>
/// characters of each chunk back (unredacted) until the next one has been read, so a secret that
/// straddles two chunks (a PEM block cut in the middle, a key cut in two) is seen whole.
/// </summary>
internal static class ChunkedRedaction
{
    public const int ChunkChars = 1 << 20;

    /// <summary>Longer than any match a rule can make (secret-rules.json bounds them to 64 KiB).</summary>
    public const int Overlap = 80 * 1024;

    /// <summary>Copies the reader to the writer with every secret masked. Without a writer it only looks,
    /// and stops at the first secret.</summary>
    /// <returns>True when there was something to mask.</returns>
    public static bool Run(Redactor redactor, TextReader reader, TextWriter? writer, int chunkChars = ChunkChars)
    {
        var buffer = new char[chunkChars];
        var carry = "";
        var found = false;
        while (true)
        {
            var read = reader.ReadBlock(buffer, 0, buffer.Length);
            var final = read < buffer.Length;
            var text = carry + new string(buffer, 0, read);
            var matches = redactor.Find(text);
            var split = final ? text.Length : SafeSplit(text.Length - Overlap, matches);
            if (matches.Count > 0 && matches[0].End <= split)
            {
                found = true;
                if (writer is null) return true;
            }
            writer?.Write(Redactor.Apply(text, matches, 0, split));
            carry = text[split..];
            if (final) return found;
        }
    }

    /// <summary>The cut point, moved back to the start of a match it would cut (matches never overlap).</summary>
    private static int SafeSplit(int split, IReadOnlyList<SecretMatch> matches)
    {
        split = Math.Max(0, split);
        foreach (var match in matches)
        {
            if (match.Start < split && split < match.End) return match.Start;
        }
        return split;
    }
}
