using Otto.Config;
using Otto.Engine;
using Otto.Platform;

namespace Otto.Execution;

/// <summary>Why a checkout could not be set up: the command, how it ended, and (the end of) what it printed.</summary>
public sealed record SetupFailure(string Command, int ExitCode, bool TimedOut, string Output)
{
    /// <summary>126/127: the shell could not run a program the command names (not installed, not executable).</summary>
    public bool CommandNotFound => ExitCode is 126 or 127 && !TimedOut;

    public string Reason => $"setup command `{Command}` " + (TimedOut ? "timed out" : $"failed (exit {ExitCode})") + (Output.Length > 0 ? ":\n" + Output : "");
}

/// <summary>
/// Prepares a checkout the way the project needs it before its checks can run: `setup.copy` (git-ignored
/// files copied from the user's checkout) and `setup.commands` (an install step, say), each command into
/// setup-N.log, bounded by limits.attempt_timeout. Every checkout otto verifies in goes through it: task
/// worktrees, the integration check, the baseline, and `otto doctor`'s run on the last commit.
/// </summary>
public static class WorktreeSetup
{
    /// <returns>Null when the checkout is ready, else the failing command's own words.</returns>
    public static async Task<string?> RunAsync(RunContext run, string dir, string logDir, CancellationToken ct) =>
        (await RunAsync(run.Config, run.Info.RepoRoot, dir, logDir, ct, run.Redactor).ConfigureAwait(false))?.Reason;

    public static async Task<SetupFailure?> RunAsync(OttoConfig config, string repoRoot, string dir, string logDir, CancellationToken ct, Secrets.Redactor? redactor = null)
    {
        foreach (var file in config.Setup.Copy)
        {
            var source = Path.Combine(repoRoot, file);
            if (!File.Exists(source)) continue;
            var target = Path.Combine(dir, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
        }
        Directory.CreateDirectory(logDir);
        for (var i = 0; i < config.Setup.Commands.Count; i++)
        {
            var command = config.Setup.Commands[i];
            var log = Path.Combine(logDir, $"setup-{i + 1}.log");
            var result = await ShellCommand.RunAsync(command, dir, log, config.Limits.AttemptTimeout, config.Limits.KillGrace, null, ct).ConfigureAwait(false);
            (redactor ??= Secrets.Redactor.FromProcess()).RedactFile(log); // an install step can print a token
            if (result.ExitCode != 0 || result.TimedOut)
                return new SetupFailure(command, result.ExitCode, result.TimedOut, TerminalText.Strip(FileTail.Read(log, 64 * 1024).Text).TrimEnd());
        }
        return null;
    }
}
