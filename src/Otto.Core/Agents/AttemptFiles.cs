namespace Otto.Agents;

/// <summary>The files of one attempt folder that the process wrapper and the watcher share.</summary>
public sealed record AttemptFiles(string Dir)
{
    public string Prompt => Path.Combine(Dir, "prompt.md");
    public string Invocation => Path.Combine(Dir, "invocation.json");
    public string Stdout => Path.Combine(Dir, "stdout.log");
    public string Stderr => Path.Combine(Dir, "stderr.log");
    public string ExitCode => Path.Combine(Dir, "exit_code");
    public string Pid => Path.Combine(Dir, "pid");
    public string Wrapper => Path.Combine(Dir, "wrapper.sh");
    public string WrapperLog => Path.Combine(Dir, "wrapper.log");
    public string Heartbeat => Path.Combine(Dir, "heartbeat");
    public string Launching => Path.Combine(Dir, "launching");
    public string Status => Path.Combine(Dir, "status.json");
    public string Result => Path.Combine(Dir, "result.json");
    public string Script => Path.Combine(Dir, "scripted-agent.sh");

    /// <summary>The newest write to the agent's stdout or stderr, or null before it wrote anything.</summary>
    public DateTimeOffset? LastOutputAt()
    {
        DateTimeOffset? latest = null;
        foreach (var file in new[] { Stdout, Stderr })
        {
            if (!File.Exists(file)) continue;
            var written = new DateTimeOffset(File.GetLastWriteTimeUtc(file), TimeSpan.Zero);
            if (latest is null || written > latest) latest = written;
        }
        return latest;
    }

    /// <summary>A previous run of this attempt's process (a transient retry) is kept beside it as try-N.</summary>
    public string RetryDir(int retry) => Path.Combine(Dir, $"try-{retry}");
}
