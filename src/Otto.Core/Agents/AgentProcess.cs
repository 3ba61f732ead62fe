using System.Diagnostics;
using System.Globalization;
using Otto.Platform;

namespace Otto.Agents;

/// <summary>
/// One agent process: launched detached (its own session and process group, output to files, never
/// pipes) so it outlives a crashed driver, or adopted from the files a previous driver left behind.
/// Identified by pid + start time, so a recycled pid is never mistaken for it.
/// </summary>
public sealed class AgentProcess
{
    /// <summary>How long the wrapper may take to write its pid: generous, because it starts through the otto
    /// executable (<see cref="Subreaper"/>), a .NET start that a busy machine can stretch to seconds.</summary>
    private static readonly TimeSpan PidWait = TimeSpan.FromSeconds(30);
    private readonly Process? _child;

    private AgentProcess(AttemptFiles files, ProcessIdentity identity, DateTimeOffset startedAt, Process? child)
    {
        Files = files;
        Identity = identity;
        StartedAt = startedAt;
        _child = child;
    }

    public AttemptFiles Files { get; }

    public ProcessIdentity Identity { get; }

    public DateTimeOffset StartedAt { get; }

    /// <summary>The process group (the wrapper leads it: pgid = its pid).</summary>
    public int ProcessGroupId => Identity.Pid;

    public static async Task<AgentProcess> LaunchAsync(
        AttemptFiles files,
        IReadOnlyList<string> argv,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        CancellationToken ct)
    {
        ProcessWrapper.WriteTo(files);
        foreach (var stale in new[] { files.Pid, files.ExitCode }) File.Delete(stale);
        // The raw output is redacted only when the attempt ends: until then it is readable by this user alone.
        foreach (var output in new[] { files.Stdout, files.Stderr }) FileModes.OpenPrivate(output, FileMode.OpenOrCreate, FileAccess.Write).Dispose();
        File.WriteAllText(files.Launching, DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));

        // setsid: its own session and process group; the launcher: the wrapper becomes a child subreaper.
        var info = new ProcessStartInfo("setsid") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        foreach (var arg in Subreaper.Launcher().Concat(["sh", files.Wrapper, files.Dir]).Concat(argv)) info.ArgumentList.Add(arg);
        foreach (var (key, value) in environment)
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }
        info.Environment[ProcessTag.Variable] = ProcessTag.Of(files.Dir);
        ct.ThrowIfCancellationRequested(); // the last moment a cancel needs no cleanup
        var child = Process.Start(info) ?? throw new InvalidOperationException("could not start setsid");
        var deadline = DateTime.UtcNow + PidWait;
        ProcessIdentity? identity;
        while ((identity = ReadPidFile(files)) is null)
        {
            if (child.HasExited && ReadPidFile(files) is null)
                throw new OttoException($"the agent wrapper exited at once (code {child.ExitCode}); see {files.WrapperLog}", ExitCodes.Environment);
            if (DateTime.UtcNow > deadline) throw new OttoException($"the agent wrapper did not start within {PidWait.TotalSeconds:0}s", ExitCodes.Environment);
            // Not cancelable: once started, the agent must be known (pid file) so that WatchAsync can stop it.
            await Task.Delay(2, CancellationToken.None).ConfigureAwait(false);
        }
        return new AgentProcess(files, identity, DateTimeOffset.UtcNow, child);
    }

    /// <summary>What the attempt folder says about its process, for a driver that did not start it.</summary>
    public static LaunchState Inspect(AttemptFiles files)
    {
        if (ReadExitCode(files) is { } code) return new LaunchState.Exited(code);
        if (ReadPidFile(files) is { } identity)
        {
            if (identity.IsAlive()) return new LaunchState.Running(identity);
            return ReadExitCode(files) is { } late ? new LaunchState.Exited(late) : new LaunchState.Vanished(identity);
        }
        if (File.Exists(files.Launching) && DateTime.UtcNow - File.GetLastWriteTimeUtc(files.Launching) < PidWait)
            return new LaunchState.Starting();
        return new LaunchState.NotLaunched();
    }

    public static AgentProcess Adopt(AttemptFiles files, ProcessIdentity identity, DateTimeOffset startedAt) =>
        new(files, identity, startedAt, child: null);

    /// <summary>
    /// Waits for the agent to end. Kills its whole group on a network outage (no progress for the limits'
    /// outage window, or the stall timeout when shorter, while the agent says it cannot reach its API), on
    /// stall (alive, no progress for the stall timeout), on the attempt timeout, or on cancellation, and
    /// says which one fired. Progress is read from the stream with <paramref name="parse"/> (see
    /// <see cref="AgentProgress"/>); without a parser, any output is progress.
    /// </summary>
    public async Task<AgentExit> WatchAsync(AgentLimits limits, Func<string, IReadOnlyList<AgentStreamEvent>>? parse, CancellationToken ct)
    {
        var (stallTimeout, attemptTimeout) = (limits.StallTimeout, limits.AttemptTimeout);
        var progress = new AgentProgress(Files, parse, StartedAt);
        var outageWindow = stallTimeout < limits.OutageWindow ? stallTimeout : limits.OutageWindow;
        string? killedBy = null;
        while (true)
        {
            if (ReadExitCode(Files) is { } code) return Finish(code, null);
            if (!Identity.IsAlive()) return Finish(ReadExitCode(Files), ReadExitCode(Files) is null ? (ExitCodeLost(Files) ? AgentExit.ExitLost : AgentExit.Vanished) : null);

            var now = DateTimeOffset.UtcNow;
            progress.Poll();
            var quiet = now - progress.LastProgressAt;
            if (ct.IsCancellationRequested) killedBy = AgentExit.Canceled;
            else if (quiet > outageWindow && progress.NetworkTrouble() is not null) killedBy = AgentExit.NetworkOutage;
            else if (quiet > stallTimeout) killedBy = AgentExit.StallTimeout;
            else if (now - StartedAt > attemptTimeout) killedBy = AgentExit.AttemptTimeout;
            if (killedBy is not null) break;

            var tick = Task.Delay(100, CancellationToken.None);
            if (_child is not null) await Task.WhenAny(tick, _child.WaitForExitAsync(ct)).ConfigureAwait(false);
            else await tick.ConfigureAwait(false);
        }

        await ProcessGroup.TerminateAsync(ProcessGroupId, limits.KillGrace, CancellationToken.None).ConfigureAwait(false);
        // The wrapper survives TERM to record the exit status; give it a moment to do so.
        var until = DateTime.UtcNow.AddSeconds(1);
        while (ReadExitCode(Files) is null && Identity.IsAlive() && DateTime.UtcNow < until) await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
        return Finish(ReadExitCode(Files), killedBy);
    }

    /// <summary>Stops the whole group now (TERM, then KILL after the grace period).</summary>
    public Task KillAsync(TimeSpan grace) => ProcessGroup.TerminateAsync(ProcessGroupId, grace);

    /// <summary>The newest write to the agent's stdout or stderr (retries included): output, not necessarily progress.</summary>
    public DateTimeOffset LastOutputAt() => Files.LastOutputAt() is { } written && written > StartedAt ? written : StartedAt;

    private AgentExit Finish(int? code, string? killedBy)
    {
        // Whatever the agent left running goes with it: in its group (a forked grandchild), and anywhere
        // else with the attempt's tag (a daemon that called setsid, a double fork).
        ProcessGroup.Signal(ProcessGroupId, Libc.SigKill);
        SweepLeftovers(Files);
        if (code is null && !File.Exists(Files.ExitCode))
            File.WriteAllText(Files.ExitCode, (killedBy is null ? "unknown" : "killed") + "\n");
        return new AgentExit(code, killedBy, DateTimeOffset.UtcNow - StartedAt, LastOutputAt());
    }

    /// <summary>The wrapper the attempt folder says was started (its pid file), whether or not it still runs.</summary>
    public static ProcessIdentity? Launched(AttemptFiles files) => ReadPidFile(files);

    /// <summary>Kills every process the attempt started that is still alive (its agent has ended).</summary>
    public static int SweepLeftovers(AttemptFiles files) => ProcessSweep.Kill(ProcessTag.OfAttempt(files.Dir));

    /// <summary>The wrapper made the file but could not write the status into it (ENOSPC leaves it empty);
    /// asked once the wrapper is gone, when no write is still under way.</summary>
    public static bool ExitCodeLost(AttemptFiles files) => File.Exists(files.ExitCode) && Platform.ControlFile.Read(files.ExitCode) is null;

    /// <summary>The status the wrapper wrote, once its line is whole (it writes the file in place).</summary>
    private static int? ReadExitCode(AttemptFiles files)
    {
        try
        {
            var text = File.ReadAllText(files.ExitCode);
            return text.EndsWith('\n') && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>The wrapper's pid and start time, once its line is whole (it writes the file in place).</summary>
    private static ProcessIdentity? ReadPidFile(AttemptFiles files)
    {
        try
        {
            var text = File.ReadAllText(files.Pid);
            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return parts.Length == 2 && text.EndsWith('\n')
                ? new ProcessIdentity(int.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture))
                : null;
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>What an attempt folder says about its agent process.</summary>
public abstract record LaunchState
{
    public sealed record NotLaunched : LaunchState;

    /// <summary>Launched moments ago; the wrapper has not yet written its pid.</summary>
    public sealed record Starting : LaunchState;

    public sealed record Running(ProcessIdentity Identity) : LaunchState;

    public sealed record Exited(int Code) : LaunchState;

    /// <summary>Gone without an exit status (killed with its wrapper).</summary>
    public sealed record Vanished(ProcessIdentity Identity) : LaunchState;
}
