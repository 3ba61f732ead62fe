using System.Globalization;
using Otto.Agents;
using Otto.Config;
using Otto.Git;
using Otto.Secrets;

namespace Otto.Doctor;

/// <summary>
/// `otto doctor --probe`: one real, one-line prompt through the same launch, watch and stream reading
/// as a run, in a throwaway git folder. It spends a little money and proves the CLI can log in,
/// reach its API and print the stream otto reads.
/// </summary>
public static class ProviderProbe
{
    public const string Prompt = "This is a connectivity check from `otto doctor`. Reply with the single word OK. Do not read, create or change any file.";

    /// <summary>A probe that cannot connect says so within seconds: its answer is one word, and the CLI
    /// itself reports that it cannot reach its API.</summary>
    private static readonly AgentLimits Limits = new(
        StallTimeout: TimeSpan.FromMinutes(2), AttemptTimeout: TimeSpan.FromMinutes(3), KillGrace: TimeSpan.FromSeconds(3),
        TransientRetries: 0, TransientBackoff: TimeSpan.FromSeconds(1)) { OutageWindow = TimeSpan.FromSeconds(15) };

    public static async Task<DoctorCheck> RunAsync(AgentConfig agent, OttoConfig config, string repoRoot, CancellationToken ct)
    {
        var provider = agent.Provider!;
        var name = ProviderHelp.CheckName(provider, CliAgentSettings.For(provider, agent, config, repoRoot).Model) + " probe";
        var root = Directory.CreateTempSubdirectory("otto-probe-").FullName;
        try
        {
            var worktree = Directory.CreateDirectory(Path.Combine(root, "work")).FullName;
            // Codex insists on a git repository; an empty one is enough.
            GitCli.Run(worktree, "init", "--quiet");
            var files = new AttemptFiles(Path.Combine(root, "attempt"));
            var request = new AgentRequest
            {
                Role = "probe",
                Stage = "probe",
                RunId = "doctor-probe",
                Worktree = worktree,
                Files = files,
                Prompt = Prompt,
                Agent = agent,
                Config = config,
                RepoRoot = repoRoot,
            };
            var runner = new AgentRunner(ProviderCatalog.Create(agent, config, () => throw new OttoException("the scripted agent needs no probe")), Redactor.FromProcess());
            var outcome = await runner.RunAsync(request, Limits, 0, Silent.Instance, ct).ConfigureAwait(false);
            var report = outcome.Report;
            if (outcome.Succeeded)
            {
                var cost = report.CostUsd is { } usd ? string.Create(CultureInfo.InvariantCulture, $", ${usd:0.####}") : "";
                return DoctorCheck.Pass(name, string.Create(CultureInfo.InvariantCulture,
                    $"answered in {outcome.Exit.Duration.TotalSeconds:0.0}s (session {report.SessionId ?? "?"}, model {report.Model ?? "default"}{cost})"));
            }
            var (why, fix) = Explain(provider, outcome);
            return DoctorCheck.Fail(name, why, fix);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>What went wrong with the probe, and the fix for that: never "install or update" for a CLI
    /// that was merely stuck, or could not log in or connect.</summary>
    public static (string Why, string Fix) Explain(string provider, AgentOutcome outcome)
    {
        var (exit, report) = (outcome.Exit, outcome.Report);
        var seconds = exit.Duration.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
        var why = exit.KilledBy switch
        {
            null => report.Error ?? $"the probe exited with code {CliFailure.Code(exit)}",
            AgentExit.NetworkOutage => report.Error ?? $"otto stopped the probe after {seconds}s: {provider} could not reach its API",
            AgentExit.StallTimeout => $"{provider} showed no progress for {Duration.Format(Limits.StallTimeout)}, so otto stopped the probe after {seconds}s" + Said(report.Error),
            _ => $"the probe did not finish within {Duration.Format(Limits.AttemptTimeout)} ({exit.KilledBy})" + Said(report.Error),
        };
        var fix = report.FailureClass switch
        {
            FailureClasses.Auth => CliFailure.LoginHint(provider),
            FailureClasses.Environment => CliFailure.EnvironmentHint,
            FailureClasses.Transient when FailureClassifier.IsNetwork(report.Error) =>
                $"check that this machine reaches {provider}'s API (network, proxy, firewall), then run `otto doctor --probe` again",
            FailureClasses.Transient => "try again in a minute (rate limit or overload); check your connection or proxy if it persists",
            _ when exit.KilledBy is not null =>
                $"run `{provider}` yourself in a terminal in this repository to see what it waits for (a login, a question, the network)",
            _ => $"check that `{provider}` works when you run it yourself in a terminal; {ProviderHelp.InstallHint(provider)} if it is outdated",
        };
        return (why, fix);
    }

    private static string Said(string? error) => string.IsNullOrWhiteSpace(error) ? "" : ": " + error.Trim();

    private sealed class Silent : IAgentObserver
    {
        public static readonly Silent Instance = new();

        public void Started(AgentProcess process, AgentLaunch launch)
        {
        }

        public void Retrying(int retry, string reason, TimeSpan delay)
        {
        }
    }
}
