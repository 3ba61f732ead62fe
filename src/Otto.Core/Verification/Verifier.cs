using System.Text;
using Otto.Config;
using Otto.Platform;

namespace Otto.Verification;

/// <summary>
/// Runs the project's verify commands in a worktree, in order, each into its own log (verify-1.log, ...).
/// The first failure decides, and its own output travels on verbatim as the reason.
/// </summary>
public static class Verifier
{
    /// <summary>Reasons longer than this keep their last part (the end of a test log is where the failure is).</summary>
    public const int MaxReasonChars = 16_000;

    public static async Task<VerifyOutcome> RunAsync(
        IReadOnlyList<VerifyCommand> commands,
        string worktree,
        string logDir,
        TimeSpan killGrace,
        IReadOnlyDictionary<string, string?>? environment,
        CancellationToken ct,
        Secrets.Redactor? redactor = null)
    {
        var logs = new List<string>();
        for (var i = 0; i < commands.Count; i++)
        {
            var command = commands[i];
            var log = Path.Combine(logDir, $"verify-{i + 1}.log");
            var pidFile = Path.Combine(logDir, $"verify-{i + 1}.pid");
            ShellCommand.KillLeftover(pidFile);
            if (File.Exists(log)) File.Delete(log);
            logs.Add(Path.GetFileName(log));
            var result = await ShellCommand.RunAsync(command.Run, worktree, log, command.Timeout, killGrace, environment, ct, pidFile).ConfigureAwait(false);
            redactor?.RedactFile(log); // test output can echo the environment: keep secrets out of the run folder
            if (result.ExitCode == 0 && !result.TimedOut) continue;

            var output = ReadReason(log);
            var reason = result.TimedOut
                ? $"`{command.Run}` timed out after {Duration.Format(command.Timeout)}" + (output.Length > 0 ? ":\n" + output : "")
                : output.Length > 0 ? output : $"`{command.Run}` exited with code {result.ExitCode} and printed nothing";
            return new VerifyOutcome(false, i, command.Run, result.ExitCode, result.TimedOut, reason,
                FailureSignature.Of(command.Run + "\n" + reason), logs);
        }
        return new VerifyOutcome(true, null, null, 0, false, null, null, logs);
    }

    /// <summary>The log's end, read from its end: a test run can print gigabytes.</summary>
    private static string ReadReason(string log)
    {
        var (tail, cut) = FileTail.Read(log, MaxReasonChars * 4L);
        var text = TerminalText.Strip(tail).TrimEnd();
        if (!cut && text.Length <= MaxReasonChars) return text;
        var kept = text.Length > MaxReasonChars ? text[^MaxReasonChars..] : text;
        return $"[... earlier output is in {Path.GetFileName(log)}]\n" + kept;
    }
}
