using System.Diagnostics;
using System.Globalization;
using Otto.Config;
using Otto.Engine;
using Otto.Execution;
using Otto.Git;
using Otto.Reporting;
using Otto.Verification;

namespace Otto.Doctor;

/// <summary>
/// `otto doctor`'s run of the project itself: otto.yaml's setup and verify commands, once, on the last
/// commit, in a temporary worktree of its own (never the user's checkout), which is removed afterwards.
/// A task worktree is prepared the same way, so what fails here fails every task: a missing program
/// (exit 126/127) is an environment problem with the install step as the fix; tests that fail before any
/// change are named with their one-line summary.
/// </summary>
public static class BaselineCheck
{
    public const string Name = "baseline";

    public static async Task<IReadOnlyList<DoctorCheck>> RunAsync(string directory, CancellationToken ct)
    {
        if (GitRepo.Discover(directory) is not { HasCommits: true } repo) return [];
        if (!File.Exists(Path.Combine(repo.Root, ConfigLoader.FileName))) return [];
        OttoConfig config;
        try
        {
            config = ConfigLoader.LoadFromRepo(repo.Root);
        }
        catch (OttoException)
        {
            return []; // the otto.yaml check reports it
        }
        if (config.Verify.Commands.Count == 0) return [];
        var head = repo.Resolve("HEAD");
        var where = $"{EventText.Short(head)}" + (repo.CurrentBranch is { } branch ? $" ({branch})" : "");
        var temp = Directory.CreateTempSubdirectory("otto-doctor-").FullName;
        var worktree = Path.Combine(temp, "checkout");
        var logs = Path.Combine(temp, "logs");
        var clock = Stopwatch.StartNew();
        try
        {
            repo.AddDetachedWorktree(worktree, head);
            var failure = await WorktreeSetup.RunAsync(config, repo.Root, worktree, logs, ct).ConfigureAwait(false);
            if (failure is not null) return [Setup(failure, where)];
            var verify = await Verifier.RunAsync(config.Verify.Commands, worktree, logs, config.Limits.KillGrace, null, ct).ConfigureAwait(false);
            var seconds = clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            var what = $"setup ({Count(config.Setup.Commands.Count)}) and verify ({Count(config.Verify.Commands.Count)})";
            if (verify.Passed) return [DoctorCheck.Pass(Name, $"{what} pass on {where} in a fresh worktree, in {seconds}s")];
            var summary = FailureSummary.OneLine(verify.Reason);
            if (verify.ExitCode is 126 or 127 && !verify.TimedOut)
                return [DoctorCheck.Fail(Name, $"`{verify.Command}` could not run a program on {where} (exit {verify.ExitCode}): {summary}",
                    "add the install step to setup.commands in otto.yaml (`otto init` detects it), or install the program")];
            return [DoctorCheck.Fail(Name, $"`{verify.Command}` fails on {where} before any change" + (verify.TimedOut ? " (timed out)" : "") + $": {summary}",
                "fix the project's tests on the base branch first: otto verifies every task with them, so every task would fail", isEnvironment: false)];
        }
        finally
        {
            repo.RemoveWorktree(worktree);
            Directory.Delete(temp, recursive: true);
        }
    }

    private static DoctorCheck Setup(SetupFailure failure, string where) => failure.CommandNotFound
        ? DoctorCheck.Fail(Name, $"setup command `{failure.Command}` could not run a program on {where} (exit {failure.ExitCode}): {FailureSummary.OneLine(failure.Output)}",
            "install the program it names, or fix setup.commands in otto.yaml")
        : DoctorCheck.Fail(Name, $"setup command `{failure.Command}` " + (failure.TimedOut ? "timed out" : $"failed (exit {failure.ExitCode})") + $" on {where}: {FailureSummary.OneLine(failure.Output)}",
            "fix setup.commands in otto.yaml (it runs in every new task worktree)", isEnvironment: false);

    private static string Count(int n) => n == 1 ? "1 command" : $"{n.ToString(CultureInfo.InvariantCulture)} commands";
}
