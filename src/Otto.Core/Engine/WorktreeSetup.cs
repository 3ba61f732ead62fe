using Otto.Config;
using Otto.Platform;

namespace Otto.Engine;

/// <summary>Why a worktree could not be set up: the command, how it ended, and what it printed.</summary>
public sealed record SetupFailure(string Command, int ExitCode, bool TimedOut, string Output)
{
    /// <summary>126/127: the shell could not run a program the command names (not installed, not executable).</summary>
    public bool CommandNotFound => ExitCode is 126 or 127 && !TimedOut;

    public string Reason => $"setup command `{Command}` " + (TimedOut ? "timed out" : $"failed (exit {ExitCode})") + (Output.Length > 0 ? ":\n" + Output : "");
}

/// <summary>
/// Prepares a fresh checkout the way every task worktree is prepared: the git-ignored files of
/// setup.copy from the user's checkout, then setup.commands in order (each into setup-N.log, bounded by
/// limits.attempt_timeout). Used by task worktrees and by `otto doctor`'s run on the last commit.
/// </summary>
public static class WorktreeSetup
{
    public static async Task<SetupFailure?> RunAsync(OttoConfig config, string repoRoot, string worktree, string logDir, CancellationToken ct)
    {
        foreach (var file in config.Setup.Copy)
        {
            var source = Path.Combine(repoRoot, file);
            if (!File.Exists(source)) continue;
            var target = Path.Combine(worktree, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
        }
        for (var i = 0; i < config.Setup.Commands.Count; i++)
        {
            var command = config.Setup.Commands[i];
            var log = Path.Combine(logDir, $"setup-{i + 1}.log");
            var result = await ShellCommand.RunAsync(command, worktree, log, config.Limits.AttemptTimeout, config.Limits.KillGrace, null, ct).ConfigureAwait(false);
            if (result.ExitCode != 0 || result.TimedOut)
                return new SetupFailure(command, result.ExitCode, result.TimedOut, TerminalText.Strip(FileTail.Read(log, 64 * 1024).Text).TrimEnd());
        }
        return null;
    }
}
