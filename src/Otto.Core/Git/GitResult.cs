namespace Otto.Git;

/// <summary>What one git invocation did. Callers decide what a non-zero exit means.</summary>
public sealed record GitResult(IReadOnlyList<string> Arguments, int ExitCode, string Stdout, string Stderr)
{
    public bool Ok => ExitCode == 0;

    public string Line => Stdout.TrimEnd('\n', '\r');

    /// <summary>Throws a GitException naming the command and git's own message when it failed.</summary>
    public GitResult EnsureOk()
    {
        if (!Ok) throw new GitException(this);
        return this;
    }

    public string CommandText => "git " + string.Join(' ', Arguments);
}

public sealed class GitException(GitResult result)
    : Exception($"`{result.CommandText}` failed (exit {result.ExitCode}): {FirstLine(result.Stderr, result.Stdout)}")
{
    public GitResult Result { get; } = result;

    private static string FirstLine(string stderr, string stdout)
    {
        var text = string.IsNullOrWhiteSpace(stderr) ? stdout : stderr;
        return text.Trim().Split('\n').FirstOrDefault()?.Trim() ?? "";
    }
}
