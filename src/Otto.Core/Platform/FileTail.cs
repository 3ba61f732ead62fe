using System.Text;

namespace Otto.Platform;

/// <summary>The end of a file, read from its end: logs can be gigabytes, and only their last words matter.</summary>
public static class FileTail
{
    /// <summary>The last <paramref name="maxBytes"/> bytes as UTF-8 text ("" when there is no file), and
    /// whether the file goes on before them (its first line may then be cut).</summary>
    public static (string Text, bool Cut) Read(string path, long maxBytes)
    {
        if (!File.Exists(path)) return ("", false);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var bytes = Math.Min(stream.Length, maxBytes);
        stream.Seek(-bytes, SeekOrigin.End);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return (reader.ReadToEnd(), bytes < stream.Length);
    }
}
