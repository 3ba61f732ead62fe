using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Otto.Config;

/// <summary>Reads otto.yaml: syntax, unknown keys and bad values are errors naming file, line and column.</summary>
public static class ConfigLoader
{
    public const string FileName = "otto.yaml";

    public static readonly IReadOnlyList<string> Providers = ["claude", "codex", "gemini", "command", "scripted"];

    /// <summary>The repository's otto.yaml, or the defaults when there is none.</summary>
    public static OttoConfig LoadFromRepo(string repoRoot)
    {
        var path = Path.Combine(repoRoot, FileName);
        return File.Exists(path) ? Parse(File.ReadAllText(path), FileName) : new OttoConfig();
    }

    public static OttoConfig Parse(string text, string fileName)
    {
        var stream = YamlSyntax.Load(text, fileName, e => FirstSentence(e.Message));
        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode;
            throw new ConfigException(fileName, (int)second.Start.Line, (int)second.Start.Column, "only one YAML document is allowed");
        }
        var binder = new YamlBinder(fileName);
        var config = binder.BindRoot<OttoConfig>(stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode);
        Validate(config, (key, message) =>
        {
            // The key itself, or the nearest enclosing key that was written (agent.command -> agent).
            var at = key;
            while (!binder.Positions.ContainsKey(at) && at.LastIndexOfAny(['.', '[']) is var cut and > 0) at = at[..cut];
            var (line, column) = binder.Positions.TryGetValue(at, out var p) ? p : (1, 1);
            return new ConfigException(fileName, line, column, message);
        });
        return config;
    }

    /// <summary>The value rules of every key; <paramref name="error"/> makes the exception for a key and message
    /// (naming the otto.yaml position, or the command-line option that set the key).</summary>
    public static void Validate(OttoConfig config, Func<string, string, Exception> error)
    {
        void Agent(AgentConfig? agent, string key)
        {
            if (agent is null) return;
            if (agent.Provider is not null && !Providers.Contains(agent.Provider))
                throw error($"{key}.provider", $"`{key}.provider` must be one of {string.Join(", ", Providers)}, not '{agent.Provider}'");
        }
        Agent(config.Agent, "agent");
        Agent(config.Roles.Planner, "roles.planner");
        Agent(config.Roles.Implementer, "roles.implementer");
        Agent(config.Roles.Reviewer, "roles.reviewer");
        Agent(config.Roles.Pilot, "roles.pilot");
        for (var i = 0; i < config.BestOfProviders.Count; i++) Agent(config.BestOfProviders[i], $"best_of_providers[{i}]");
        // Checked on the agent each role really gets: a role may take its command from `agent`.
        foreach (var role in AgentSelection.Roles)
        {
            if (AgentSelection.For(config, role) is not { Provider: "command", Command: not { Count: > 0 } }) continue;
            var key = RoleOverride(config, role) is { } own && (own.Provider is not null || own.Command is not null) ? $"roles.{role}" : "agent";
            throw error($"{key}.command", $"`{key}.command` must name the program to run");
        }
        if (config.Ownership is not ("enforce" or "warn")) throw error("ownership", $"`ownership` must be enforce or warn, not '{config.Ownership}'");
        if (config.Integration.Style is not (IntegrationConfig.Squash or IntegrationConfig.Merge))
            throw error("integration.style", $"`integration.style` must be squash or merge, not '{config.Integration.Style}'");
        if (config.Secrets is not ("refuse" or "allow")) throw error("secrets", $"`secrets` must be refuse or allow, not '{config.Secrets}'");
        if (!BaselineModes.All.Contains(config.Verify.Baseline))
            throw error("verify.baseline", $"`verify.baseline` must be one of {string.Join(", ", BaselineModes.All)}, not '{config.Verify.Baseline}'");
        if (config.Sandbox is not ("none" or "bwrap")) throw error("sandbox", $"`sandbox` must be none or bwrap, not '{config.Sandbox}'");
        if (config.Concurrency < 1) throw error("concurrency", "`concurrency` must be at least 1");
        if (config.BestOf < 1) throw error("best_of", "`best_of` must be at least 1");
        if (config.BestOf > config.Concurrency)
            throw error("best_of", $"`best_of` ({config.BestOf}) must not be more than `concurrency` ({config.Concurrency}): the variants of a task run at once");
        for (var i = 0; i < config.BestOfProviders.Count; i++)
        {
            if (Scheduling.BestOfRules.AgentOf(config, i + 1) is { Provider: "command", Command: not { Count: > 0 } })
                throw error($"best_of_providers[{i}].command", $"`best_of_providers[{i}].command` must name the program to run");
        }
        if (config.WorktreePool < 0) throw error("worktree_pool", "`worktree_pool` must be 0 or more");
        var limits = config.Limits;
        if (limits.MaxAttempts < 1) throw error("limits.max_attempts", "`limits.max_attempts` must be at least 1");
        if (limits.SignatureLimit < 1) throw error("limits.signature_limit", "`limits.signature_limit` must be at least 1");
        if (limits.MaxReviewRounds < 1) throw error("limits.max_review_rounds", "`limits.max_review_rounds` must be at least 1");
        if (limits.MaxPrRounds < 0) throw error("limits.max_pr_rounds", "`limits.max_pr_rounds` must not be negative");
        if (limits.MaxTasks < 1) throw error("limits.max_tasks", "`limits.max_tasks` must be at least 1");
        if (limits.AttemptTimeout <= TimeSpan.Zero) throw error("limits.attempt_timeout", "`limits.attempt_timeout` must be positive");
        if (limits.StallTimeout <= TimeSpan.Zero) throw error("limits.stall_timeout", "`limits.stall_timeout` must be positive");
        if (limits.OutageTimeout <= TimeSpan.Zero) throw error("limits.outage_timeout", "`limits.outage_timeout` must be positive");
        if (limits.LeaseTimeout <= TimeSpan.Zero) throw error("limits.lease_timeout", "`limits.lease_timeout` must be positive");
        if (limits.RunBudget <= TimeSpan.Zero) throw error("limits.run_budget", "`limits.run_budget` must be positive");
        if (limits.RateLimitBackoff <= TimeSpan.Zero) throw error("limits.rate_limit_backoff", "`limits.rate_limit_backoff` must be positive");
        if (limits.RateLimitBackoffMax < limits.RateLimitBackoff)
            throw error("limits.rate_limit_backoff_max", $"`limits.rate_limit_backoff_max` ({Duration.Format(limits.RateLimitBackoffMax)}) must be at least `limits.rate_limit_backoff` ({Duration.Format(limits.RateLimitBackoff)})");
        if (limits.MaxCostUsd < 0) throw error("limits.max_cost_usd", "`limits.max_cost_usd` must not be negative");
        if (limits.MaxReplans < 0) throw error("limits.max_replans", "`limits.max_replans` must not be negative");
        if (limits.MaxFileSize.Bytes < 1) throw error("limits.max_file_size", "`limits.max_file_size` must be at least 1 byte");
        if (limits.MaxAmendments < 0) throw error("limits.max_amendments", "`limits.max_amendments` must not be negative");
        if (limits.TransientRetries < 0) throw error("limits.transient_retries", "`limits.transient_retries` must not be negative");
        if (limits.MaxQuestions < 0) throw error("limits.max_questions", "`limits.max_questions` must not be negative");
        if (LearningsPathProblem(config.Learnings.Path) is { } problem) throw error("learnings.path", $"`learnings.path` {problem}, not '{config.Learnings.Path}'");
        foreach (var (name, provider) in new[] { ("claude", config.Providers.Claude), ("codex", config.Providers.Codex), ("gemini", config.Providers.Gemini) })
        {
            if (provider.MaxTurns < 0) throw error($"providers.{name}.max_turns", $"`providers.{name}.max_turns` must not be negative");
        }
        foreach (var (model, price) in config.Prices)
        {
            if (price.InputPerMtok < 0 || price.OutputPerMtok < 0 || price.CachedInputPerMtok < 0)
                throw error($"prices.{model}", $"`prices.{model}`: prices must not be negative");
        }
        for (var i = 0; i < config.Verify.Commands.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(config.Verify.Commands[i].Run))
                throw error($"verify.commands[{i}]", $"`verify.commands[{i}].run` must be a command");
            if (config.Verify.Commands[i].Timeout <= TimeSpan.Zero)
                throw error($"verify.commands[{i}].timeout", $"`verify.commands[{i}].timeout` must be positive");
        }
    }

    /// <summary>learnings.path names a file inside the repository: git must be able to track it.</summary>
    private static string? LearningsPathProblem(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return "must name a file";
        if (Path.IsPathRooted(path) || path.Split('/').Any(part => part is ".." or "." or "" or ".git"))
            return "must be a file path inside the repository, relative to its root (like docs/otto-learnings.md)";
        return null;
    }

    private static AgentConfig? RoleOverride(OttoConfig config, string role) => role switch
    {
        AgentSelection.Planner => config.Roles.Planner,
        AgentSelection.Implementer => config.Roles.Implementer,
        AgentSelection.Reviewer => config.Roles.Reviewer,
        _ => config.Roles.Pilot,
    };

    private static string FirstSentence(string message)
    {
        // YamlDotNet messages start with "(Line: 3, Col: 5, Idx: ...) - (...): " which we already report.
        var text = message;
        var marker = text.LastIndexOf("): ", StringComparison.Ordinal);
        if (text.StartsWith('(') && marker > 0) text = text[(marker + 3)..];
        return text.Trim().TrimEnd('.');
    }
}
