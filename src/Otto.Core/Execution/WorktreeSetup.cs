using Otto.Engine;
using Otto.Platform;

namespace Otto.Execution;

/// <summary>
/// Prepares a checkout the way the project needs it before its checks can run: `setup.copy` (git-ignored
/// files copied from the user's checkout) and `setup.commands` (an install step, say). Every checkout otto
/// verifies in goes through it: task worktrees, the integration check and the baseline.
/// </summary>
public static class WorktreeSetup
{
    /// <returns>Null when the checkout is ready, else the failing command's own words.</returns>
    public static async Task<string?> RunAsync(RunContext run, string dir, string logDir, CancellationToken ct)
    {
        foreach (var file in run.Config.Setup.Copy)
        {
            var source = Path.Combine(run.Info.RepoRoot, file);
            if (!File.Exists(source)) continue;
            var target = Path.Combine(dir, file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(source, target, overwrite: true);
        }
        Directory.CreateDirectory(logDir);
        for (var i = 0; i < run.Config.Setup.Commands.Count; i++)
        {
            var command = run.Config.Setup.Commands[i];
            var log = Path.Combine(logDir, $"setup-{i + 1}.log");
            var result = await ShellCommand.RunAsync(command, dir, log, run.Config.Limits.AttemptTimeout, run.Config.Limits.KillGrace, null, ct).ConfigureAwait(false);
            run.Redactor.RedactFile(log); // an install step can print a token
            if (result.ExitCode != 0 || result.TimedOut)
                return $"setup command `{command}` failed (exit {result.ExitCode}):\n{File.ReadAllText(log).TrimEnd()}";
        }
        return null;
    }
}
