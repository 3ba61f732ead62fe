using System.Diagnostics;

namespace Otto.Platform;

/// <summary>
/// Runs `sh -c COMMAND` in its own session (so a timeout kills its whole process group), stdin from
/// /dev/null, stdout and stderr together into a log file, tagged as a process of the attempt whose folder
/// holds the log (<see cref="ProcessTag"/>). Used for verify and setup commands.
/// </summary>
public static class ShellCommand
{
    public sealed record Result(int ExitCode, bool TimedOut, TimeSpan Duration);

    public static async Task<Result> RunAsync(
        string command,
        string workingDirectory,
        string logPath,
        TimeSpan timeout,
        TimeSpan killGrace,
        IReadOnlyDictionary<string, string?>? environment,
        CancellationToken ct,
        string? pidFile = null)
    {
        var info = new ProcessStartInfo("setsid") { WorkingDirectory = workingDirectory, UseShellExecute = false };
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec </dev/null >>\"$OTTO_COMMAND_LOG\" 2>&1\n" + command);
        foreach (var name in new[] { "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE" }) info.Environment.Remove(name);
        info.Environment["OTTO_COMMAND_LOG"] = logPath;
        // Its log lies in the attempt folder: the command is one of the attempt's processes.
        var attemptDir = Path.GetDirectoryName(Path.GetFullPath(logPath))!;
        info.Environment[ProcessTag.Variable] = ProcessTag.Of(attemptDir);
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null) info.Environment.Remove(key);
                else info.Environment[key] = value;
            }
        }
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        File.AppendAllText(logPath, "");

        var started = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start sh");
        // Recorded so that a later owner can stop a command a crashed one left running.
        if (pidFile is not null) File.WriteAllText(pidFile, $"{process.Id} {ProcessIdentity.ReadStartTime(process.Id) ?? 0}\n");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            return new Result(process.ExitCode, false, started.Elapsed);
        }
        catch (OperationCanceledException)
        {
            await ProcessGroup.TerminateAsync(process.Id, killGrace, CancellationToken.None).ConfigureAwait(false);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            return new Result(process.ExitCode, true, started.Elapsed);
        }
        finally
        {
            // Whatever the command left behind goes with it: in its group, and anywhere else with its tag.
            ProcessGroup.Signal(process.Id, Libc.SigKill);
            ProcessSweep.Kill(ProcessTag.OfAttempt(attemptDir));
            if (pidFile is not null) File.Delete(pidFile);
        }
    }

    /// <summary>Stops the process group a crashed owner left running, if its pid file says one is alive.</summary>
    public static void KillLeftover(string pidFile)
    {
        if (!File.Exists(pidFile)) return;
        var parts = File.ReadAllText(pidFile).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 2 && int.TryParse(parts[0], out var pid) && long.TryParse(parts[1], out var start)
            && new ProcessIdentity(pid, start).IsAlive())
        {
            ProcessGroup.Signal(pid, Libc.SigKill);
        }
        File.Delete(pidFile);
    }
}
