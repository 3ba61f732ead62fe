using System.Diagnostics;
using System.Text;

namespace Otto.Git;

/// <summary>
/// A git command's output read line by line as git writes it, for output too big to hold (the diff of a
/// task that added a 40 MB file). Throws a <see cref="GitException"/> at the end when git failed. Lines
/// are git's: ended by a line feed (or the end of the text) only, one carriage return before that dropped
/// (a CRLF file's lines), a carriage return anywhere else kept (TextReader.ReadLine would end the line
/// there, and what follows it would no longer start with the diff's `+`).
/// </summary>
public static class GitLines
{
    /// <summary>UTF-8 without a byte order mark taken away: a file's first bytes are its content.</summary>
    public static readonly Encoding Text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static IEnumerable<string> Read(string workingDirectory, IReadOnlyList<string> arguments)
    {
        using var process = Process.Start(GitCli.StartInfo(workingDirectory, arguments)) ?? throw new InvalidOperationException("could not start git");
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var completed = false;
        try
        {
            using var output = new StreamReader(process.StandardOutput.BaseStream, Text, detectEncodingFromByteOrderMarks: false);
            foreach (var line in Split(output)) yield return line;
            completed = true;
        }
        finally
        {
            // A reader that stops early leaves git blocked on a full pipe: end it.
            if (!completed && !process.HasExited) process.Kill();
            process.WaitForExit();
        }
        if (process.ExitCode != 0) throw new GitException(new GitResult(arguments, process.ExitCode, "", stderr.GetAwaiter().GetResult()));
    }

    /// <summary>Text split into lines the way git counts them (see the class summary); no empty last line
    /// after a final line feed.</summary>
    public static IEnumerable<string> Split(TextReader reader)
    {
        var buffer = new char[16 * 1024];
        var line = new StringBuilder();
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            for (var end = Array.IndexOf(buffer, '\n', 0, read); end >= 0; end = Array.IndexOf(buffer, '\n', start, read - start))
            {
                line.Append(buffer, start, end - start);
                if (line.Length > 0 && line[^1] == '\r') line.Length--;
                yield return line.ToString();
                line.Clear();
                start = end + 1;
            }
            line.Append(buffer, start, read - start);
        }
        if (line.Length > 0 && line[^1] == '\r') line.Length--;
        if (line.Length > 0) yield return line.ToString();
    }
}
