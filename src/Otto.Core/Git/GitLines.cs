using System.Diagnostics;

namespace Otto.Git;

/// <summary>
/// A git command's output read line by line as git writes it, for output too big to hold (the diff of a
/// task that added a 40 MB file). Throws a <see cref="GitException"/> at the end when git failed.
/// </summary>
public static class GitLines
{
    public static IEnumerable<string> Read(string workingDirectory, IReadOnlyList<string> arguments)
    {
        using var process = Process.Start(GitCli.StartInfo(workingDirectory, arguments)) ?? throw new InvalidOperationException("could not start git");
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var completed = false;
        try
        {
            while (process.StandardOutput.ReadLine() is { } line) yield return line;
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
}
