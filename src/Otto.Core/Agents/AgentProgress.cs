namespace Otto.Agents;

/// <summary>
/// What the watcher knows of a running agent's progress. For a CLI whose stream otto reads, progress is
/// a line of that stream that is not an error or a retry: a CLI that only prints "Reconnecting..." or
/// "API request failed; retrying" is stuck, however much it prints, and stderr (where Gemini CLI and
/// codex log their retries) never counts. What it reported since its last progress is kept as the
/// trouble it is stuck on. An agent without such a stream (a command agent) shows progress by writing
/// anything at all, to stdout or stderr. Reads only what was appended since the last look.
/// </summary>
public sealed class AgentProgress
{
    private readonly AttemptFiles _files;
    private readonly Func<string, IReadOnlyList<AgentStreamEvent>>? _parse;
    private readonly LineFollower _stdout;
    private DateTimeOffset? _stderrCheckedAt;
    private string? _stderrNetworkLine;

    public AgentProgress(AttemptFiles files, Func<string, IReadOnlyList<AgentStreamEvent>>? parse, DateTimeOffset startedAt)
    {
        _files = files;
        _parse = parse;
        _stdout = new LineFollower(files.Stdout);
        LastProgressAt = startedAt;
    }

    public DateTimeOffset LastProgressAt { get; private set; }

    /// <summary>The last error or retry the stream reported since its last progress.</summary>
    public AgentStreamEvent? Trouble { get; private set; }

    /// <summary>Reads what the agent wrote since the last look.</summary>
    public void Poll()
    {
        if (_parse is null)
        {
            if (_files.LastOutputAt() is { } written && written > LastProgressAt) LastProgressAt = written;
            return;
        }
        var progressed = false;
        foreach (var line in _stdout.NewLines())
        {
            foreach (var e in _parse(line))
            {
                progressed |= e.IsProgress;
                Trouble = e.IsProgress ? null : e;
            }
        }
        if (!progressed) return;
        // Every line just read was written at the latest when the file last changed (for an adopted
        // agent, the first look reads what it wrote before: that time, not now).
        var writtenAt = new DateTimeOffset(File.GetLastWriteTimeUtc(_files.Stdout), TimeSpan.Zero);
        if (writtenAt > LastProgressAt) LastProgressAt = writtenAt;
    }

    /// <summary>
    /// The words that say the agent cannot reach its API since its last progress, or null: its stream's
    /// trouble, else (for CLIs that log retries there) the last such line of stderr written since.
    /// </summary>
    public string? NetworkTrouble()
    {
        if (_parse is null) return null;
        if (Trouble?.Text is { } text && FailureClassifier.IsNetwork(text)) return text;
        if (!File.Exists(_files.Stderr)) return null;
        var written = new DateTimeOffset(File.GetLastWriteTimeUtc(_files.Stderr), TimeSpan.Zero);
        if (written <= LastProgressAt) return null;
        if (written != _stderrCheckedAt)
        {
            _stderrCheckedAt = written;
            _stderrNetworkLine = CliFailure.TroubleLine(AgentStream.Tail(_files.Stderr), FailureClassifier.IsNetwork);
        }
        return _stderrNetworkLine;
    }
}
