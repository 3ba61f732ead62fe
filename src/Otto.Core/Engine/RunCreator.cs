using System.Text.Json.Nodes;
using Otto.Agents;
using Otto.Config;
using Otto.Git;
using Otto.Platform;
using Otto.Runs;
using Otto.Secrets;
using Otto.Templates;

namespace Otto.Engine;

/// <summary>
/// Creates a run: every check first (nothing is written when one fails), then the run folder, run.json,
/// the first event and the integration branch. A failure half-way removes what was made.
/// </summary>
public static class RunCreator
{
    public static RunPaths Create(GitRepo repo, string intent, BuildOptions options, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(intent))
            throw new OttoException("the intent is empty; say what to build, e.g. otto build \"add rate limiting to the API\"");
        Preflight.CheckEnvironment();
        var (branch, sha) = Preflight.CheckBuildable(repo, options.AllowDirty);
        var config = ApplyOverrides(ConfigLoader.LoadFromRepo(repo.Root), options);
        if (config.Verify.Commands.Count == 0)
            throw new OttoException("otto.yaml: verify.commands is empty; otto verifies every task with the project's own checks, so name at least one (`otto init` detects it)");
        var scenarioText = CheckAgents(repo.Root, config, options.Scenario);
        var home = new OttoHome(repo.Root);
        new TemplateStore(home.Templates).CheckOverrides();

        ExcludeFile.Ensure(repo);
        var runId = RunId.Reserve(home.RunsDir, now);
        var paths = home.Run(runId);
        var integrationBranch = BranchNames.Integration(runId);
        try
        {
            EventSeal.CreateKey(paths.Dir);
            if (scenarioText is not null) File.WriteAllText(paths.Scenario, scenarioText);
            var info = new RunInfo
            {
                RunId = runId,
                Intent = intent.Trim(),
                CreatedAt = now,
                BaseBranch = branch,
                BaseSha = sha,
                IntegrationBranch = integrationBranch,
                RepoRoot = repo.Root,
                WorktreeRoot = WorktreeLayout.RootFor(repo.Root, config.WorktreeRoot),
                Config = config,
                OttoVersion = OttoVersion.Current,
                PlanOnly = options.PlanOnly,
            };
            // A key pasted into otto.yaml (e.g. in providers.*.args) must not reach the run folder.
            File.WriteAllText(paths.RunJson, Redactor.FromProcess().Redact(info.ToJson()));
            CrashPoint.Here("run-json-written");
            if (!repo.UpdateRef("refs/heads/" + integrationBranch, sha, GitRepo.ZeroSha))
                throw new OttoException($"branch {integrationBranch} already exists; otto will not overwrite it");
            new RunJournal(paths).Append(new NewEvent(new RunStarted(runId, info.Intent, branch, sha, integrationBranch, options.PlanOnly, OttoVersion.Current)));
            return paths;
        }
        catch
        {
            Directory.Delete(paths.Dir, recursive: true);
            throw;
        }
    }

    private static OttoConfig ApplyOverrides(OttoConfig config, BuildOptions options)
    {
        config = AgentSelection.WithOverrides(config, options.Agent, options.Model);
        if (options.Agent is not null && !ConfigLoader.Providers.Contains(options.Agent))
            throw new OttoException($"--agent must be one of {string.Join(", ", ConfigLoader.Providers)}, not '{options.Agent}'");
        if (options.Concurrency is { } concurrency)
        {
            if (concurrency < 1) throw new OttoException("--concurrency must be at least 1");
            config = config with { Concurrency = concurrency };
        }
        if (options.Budget is { } budget) config = config with { Limits = config.Limits with { RunBudget = budget } };
        if (options.MaxCost is { } cost) config = config with { Limits = config.Limits with { MaxCostUsd = cost } };
        if (options.Scenario is not null) config = config with { Agent = config.Agent with { Scenario = options.Scenario } };
        return config;
    }

    /// <summary>Checks every role's agent can start; returns the scenario text when one is scripted.</summary>
    private static string? CheckAgents(string repoRoot, OttoConfig config, string? scenarioOverride)
    {
        string? scenarioText = null;
        foreach (var role in new[] { AgentSelection.Planner, AgentSelection.Implementer })
        {
            var agent = AgentSelection.For(config, role);
            switch (agent.Provider)
            {
                case "scripted":
                    var file = scenarioOverride ?? agent.Scenario
                        ?? throw new OttoException("otto.yaml: agent.scenario must name a scenario file when the provider is scripted");
                    var path = Path.IsPathRooted(file) ? file : Path.Combine(repoRoot, file);
                    if (scenarioText is null)
                    {
                        ScenarioLoader.Load(path, file);
                        scenarioText = File.ReadAllText(path);
                    }
                    break;
                case "command":
                    if (agent.Command is not { Count: > 0 })
                        throw new OttoException($"otto.yaml: the {role}'s agent uses provider command but `command` is not set");
                    break;
            }
            if (ProviderCatalog.Binary(agent, config) is { } binary && !Executables.Exists(binary) && !File.Exists(Path.Combine(repoRoot, binary)))
                throw new OttoException($"the {role}'s agent `{binary}` (provider {agent.Provider}) was not found on PATH; install it or change otto.yaml", ExitCodes.Environment);
        }
        return scenarioText;
    }
}
