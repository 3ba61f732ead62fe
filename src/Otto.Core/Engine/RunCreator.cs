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
    /// <param name="warn">Told what the user should know but that does not stop the run (untracked files).</param>
    public static RunPaths Create(GitRepo repo, string intent, BuildOptions options, DateTimeOffset now, Action<string>? warn = null)
    {
        if (string.IsNullOrWhiteSpace(intent))
            throw new OttoException("the intent is empty; say what to build, e.g. otto build \"add rate limiting to the API\"");
        if (System.Text.Encoding.UTF8.GetByteCount(intent) > IntentText.MaxFileBytes)
            throw new OttoException($"the intent is longer than the {IntentText.MaxFileBytes / 1024} KiB an intent may have");
        Preflight.CheckEnvironment();
        var (branch, sha, untracked) = Preflight.CheckBuildable(repo, options.AllowDirty);
        // otto.yaml is read from the checkout as it is now (committed or not).
        var config = ApplyOverrides(ConfigLoader.LoadFromRepo(repo.Root), options);
        if (config.Verify.Commands.Count == 0)
            throw new OttoException("otto.yaml: verify.commands is empty; otto verifies every task with the project's own checks, so name at least one (`otto init` detects it)");
        var scenarioText = CheckAgents(repo.Root, config, options.Scenario);
        if (config.Sandbox == "bwrap" && Bubblewrap.Probe() is { Works: false } sandbox)
            throw new OttoException($"otto.yaml asks for sandbox: bwrap, but {sandbox.Detail}; install bubblewrap (`otto doctor` checks it) or set sandbox: none", ExitCodes.Environment);

        var home = new OttoHome(repo.Root);
        new TemplateStore(home.Templates).CheckOverrides();
        if (UntrackedWarning(untracked, UsedFromCheckout(repo.Root, config, options.Scenario)) is { } warning) warn?.Invoke(warning);

        // Every check has passed: the planner's checkout can begin while the run is written.
        var worktreeRoot = WorktreeLayout.RootFor(repo.Root, config.WorktreeRoot);
        using var plannerCheckout = Execution.EarlyPlannerCheckout.Begin(repo, worktreeRoot, config.PoolSize(), sha);
        ExcludeFile.Ensure(repo);
        var runId = RunId.Reserve(home.RunsDir, now);
        var paths = home.Run(runId);
        var integrationBranch = BranchNames.Integration(runId);
        // Held until the run is complete, so that a folder without run.json yet is not taken for abandoned.
        using var creating = Platform.FileLock.Acquire(paths.DriverLock);
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
                WorktreeRoot = worktreeRoot,
                Config = config,
                OttoVersion = OttoVersion.Current,
                PlanOnly = options.PlanOnly,
            };
            // A key pasted into otto.yaml (e.g. in providers.*.args) must not reach the run folder.
            File.WriteAllBytes(paths.RunJson, RunInfo.Sealed(Redactor.FromProcess().Redact(info.ToJson()), paths));
            Reporting.CheckoutWatch.RecordStart(repo, paths);
            CrashPoint.Here("run-json-written");
            if (!repo.UpdateRef("refs/heads/" + integrationBranch, sha, GitRepo.ZeroSha))
                throw new OttoException($"branch {integrationBranch} already exists; otto will not overwrite it");
            // run.json has the intent whole: the log keeps its summary (stored once).
            new RunJournal(paths).Append(new NewEvent(new RunStarted(runId, IntentText.Summary(info.Intent), branch, sha, integrationBranch, options.PlanOnly, OttoVersion.Current)));
            plannerCheckout.HandTo(info);
            return paths;
        }
        catch
        {
            Directory.Delete(paths.Dir, recursive: true);
            throw;
        }
    }

    /// <summary>Command-line options over otto.yaml, checked by the same rules as otto.yaml itself, the error
    /// naming the option as given (`--max-cost -1: ...`).</summary>
    private static OttoConfig ApplyOverrides(OttoConfig config, BuildOptions options)
    {
        config = AgentSelection.WithOverrides(config, options.Agent, options.Model);
        if (options.Agent is not null && !ConfigLoader.Providers.Contains(options.Agent))
            throw new OttoException($"--agent must be one of {string.Join(", ", ConfigLoader.Providers)}, not '{options.Agent}'");
        var given = new Dictionary<string, string>();
        if (options.Concurrency is { } concurrency)
        {
            config = config with { Concurrency = concurrency };
            given["concurrency"] = $"--concurrency {concurrency}";
        }
        if (options.Budget is { } budget)
        {
            config = config with { Limits = config.Limits with { RunBudget = budget } };
            given["limits.run_budget"] = $"--budget {Duration.Format(budget)}";
        }
        if (options.MaxCost is { } cost)
        {
            config = config with { Limits = config.Limits with { MaxCostUsd = cost } };
            given["limits.max_cost_usd"] = $"--max-cost {cost.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
        }
        if (options.Scenario is not null) config = config with { Agent = config.Agent with { Scenario = options.Scenario } };
        ConfigLoader.Validate(config, (key, message) =>
            new OttoException(given.TryGetValue(key, out var option) ? $"{option}: {message}" : $"{ConfigLoader.FileName}: {message}"));
        return config;
    }

    /// <summary>Untracked files never reach a task worktree (it is checked out from a commit): say which,
    /// leaving out the ones otto itself reads from the checkout (otto.yaml, the scenario, an agent program).</summary>
    public static string? UntrackedWarning(IReadOnlyList<string> untracked, IReadOnlySet<string> usedFromCheckout)
    {
        var unseen = untracked.Where(p => !usedFromCheckout.Contains(p)).ToList();
        return unseen.Count == 0 ? null
            : $"untracked files do not reach the task worktrees (agents and verify see the last commit): {Preflight.Describe(unseen)}; " +
              "commit them if the work needs them (git-ignored files can be copied in with setup.copy)";
    }

    private static IReadOnlySet<string> UsedFromCheckout(string repoRoot, OttoConfig config, string? scenarioOverride)
    {
        var used = new HashSet<string>(StringComparer.Ordinal) { ConfigLoader.FileName };
        foreach (var role in AgentSelection.Roles)
        {
            var agent = AgentSelection.For(config, role);
            if ((scenarioOverride ?? agent.Scenario) is { } scenario) used.Add(Relative(repoRoot, Path.Combine(repoRoot, scenario)));
            if (ProviderCatalog.Binary(agent, config) is { } binary) used.Add(Relative(repoRoot, ProgramPath.Resolve(binary, repoRoot)));
        }
        return used;
    }

    private static string Relative(string repoRoot, string path) => Path.GetRelativePath(repoRoot, path).Replace('\\', '/');

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
            if (ProviderCatalog.Binary(agent, config) is { } binary && !Executables.Exists(ProgramPath.Resolve(binary, repoRoot)))
                throw new OttoException(binary.Contains('/', StringComparison.Ordinal)
                    ? $"the {role}'s agent `{binary}` (provider {agent.Provider}) was not found at {ProgramPath.Resolve(binary, repoRoot)}; relative paths are relative to the repository root"
                    : $"the {role}'s agent `{binary}` (provider {agent.Provider}) was not found on PATH; install it or change otto.yaml", ExitCodes.Environment);
        }
        return scenarioText;
    }
}
