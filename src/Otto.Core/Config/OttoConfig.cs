using System.ComponentModel;

namespace Otto.Config;

/// <summary>
/// otto.yaml. These records are the one source of truth: the YAML binder reads them (unknown keys are
/// errors), the JSON Schema in schemas/otto.schema.json is generated from them, and a test fails when the
/// committed schema drifts. Property names map to snake_case keys.
/// </summary>
public sealed record OttoConfig
{
    [Description("The default agent for every role.")]
    public AgentConfig Agent { get; init; } = new();

    [Description("Per-role agent overrides; fields not given are taken from `agent` when the provider is the same.")]
    public RolesConfig Roles { get; init; } = new();

    [Description("How many agents may work at the same time. A task whose agent is done verifies and merges without holding a place (the next task's agent starts meanwhile); at most twice this many tasks are in flight, and at most this many verifications run at once in one otto process.")]
    [AtLeastOne]
    public int Concurrency { get; init; } = 4;

    [Description("Attempts of each task run at once, each in its own worktree; the first verified one (in variant order) is merged, the others are kept as refs/otto/tasks/<run>/<task>/alt-<k>. At most `concurrency`; a task in the plan may set its own.")]
    [AtLeastOne]
    public int BestOf { get; init; } = 1;

    [Description("The agent of each variant of a best-of round, in order (variant k takes entry k, round-robin); fields not given are taken from roles.implementer. Empty: every variant uses the implementer.")]
    public IReadOnlyList<AgentConfig> BestOfProviders { get; init; } = [];

    [Description("Where task worktrees live. Default: $XDG_STATE_HOME/otto/worktrees/<repo>-<hash>/.")]
    public string? WorktreeRoot { get; init; }

    [Description("How many idle worktrees otto keeps for this repository between runs (under the worktree root, in _pool/), so that a new run's first tasks switch a checkout instead of making a whole one. Default: concurrency; 0 keeps none. `otto gc` trims the pool to this size.")]
    public int? WorktreePool { get; init; }

    /// <summary>The pool's bound: <see cref="WorktreePool"/>, else <see cref="Concurrency"/>.</summary>
    public int PoolSize() => Math.Max(0, WorktreePool ?? Concurrency);

    [Description("enforce: a branch that changes paths its task does not own is refused before merging; warn: it is merged and the paths are recorded.")]
    public string Ownership { get; init; } = "enforce";

    [Description("refuse: a task whose changes add a secret (a format of otto's secret rules) is refused before merging, naming file, line and rule; allow: it is merged. Output and run files are masked either way.")]
    public string Secrets { get; init; } = "refuse";

    [Description("none: agents run as plain processes. bwrap: each agent runs under bubblewrap, seeing its worktree, the git object store and its attempt folder read-write, the rest of the system (your checkout included) read-only, and no run folder.")]
    public string Sandbox { get; init; } = "none";

    [Description("How otto verifies work: the project's own commands, run in each task worktree and on the integration branch.")]
    public VerifyConfig Verify { get; init; } = new();

    [Description("How verified tasks land on the integration branch otto/<run>.")]
    public IntegrationConfig Integration { get; init; } = new();

    [Description("The reviewer role: an agent reviews the verified integration branch against the intent and the plan.")]
    public ReviewConfig Review { get; init; } = new();

    [Description("Every bound of a run; when one fires the run names it and its value.")]
    public LimitsConfig Limits { get; init; } = new();

    [Description("Preparation of each new worktree before its agent starts.")]
    public SetupConfig Setup { get; init; } = new();

    [Description("Where what agents learned is kept across runs.")]
    public LearningsConfig Learnings { get; init; } = new();

    [Description("Per-provider settings for the claude, codex and gemini CLIs.")]
    public ProvidersConfig Providers { get; init; } = new();

    [Description("Prices per million tokens by model name, used when a CLI does not report cost itself.")]
    public IReadOnlyDictionary<string, PriceConfig> Prices { get; init; } = new Dictionary<string, PriceConfig>();
}

/// <summary>The key must be 1 or more (the loader checks it; the schema says it).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AtLeastOneAttribute : Attribute;

public sealed record AgentConfig
{
    public const string DefaultProvider = "claude";

    [Description("claude | codex | gemini | command | scripted (default: claude; in a role: the default agent's).")]
    public string? Provider { get; init; }

    [Description("Model name passed to the CLI (optional).")]
    public string? Model { get; init; }

    [Description("provider: command: the argv to run; the prompt is in $OTTO_PROMPT_FILE.")]
    public IReadOnlyList<string>? Command { get; init; }

    [Description("provider: scripted: the scenario file, relative to the repository root.")]
    public string? Scenario { get; init; }
}

public sealed record RolesConfig
{
    [Description("Classifies the intent and writes the plan.")]
    public AgentConfig? Planner { get; init; }

    [Description("Executes and fixes tasks.")]
    public AgentConfig? Implementer { get; init; }

    [Description("Reviews verified work.")]
    public AgentConfig? Reviewer { get; init; }

    [Description("Decides what to do after failures.")]
    public AgentConfig? Pilot { get; init; }
}

public sealed record VerifyConfig
{
    [Description("Commands run with sh -c in order; the first that fails decides. A plain string is shorthand for { run: ... }.")]
    public IReadOnlyList<VerifyCommand> Commands { get; init; } = [];

    [Description("require: verify the base commit first (with setup) and end the run before any agent works if it fails; allow-failing: a failure the base already had does not fail a task; off: no baseline.")]
    public string Baseline { get; init; } = BaselineModes.Require;
}

/// <summary>The values of `verify.baseline`.</summary>
public static class BaselineModes
{
    public const string Require = "require";
    public const string AllowFailing = "allow-failing";
    public const string Off = "off";

    public static readonly IReadOnlyList<string> All = [Require, AllowFailing, Off];
}

public sealed record VerifyCommand
{
    [Description("The shell command.")]
    public string Run { get; init; } = "";

    [Description("Killed (with its process group) after this long.")]
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(10);
}

public sealed record IntegrationConfig
{
    public const string Squash = "squash";
    public const string Merge = "merge";

    [Description("squash: one commit per merged task (subject = the task title, single parent, trailers Otto-Run, Otto-Task, Otto-Attempt); merge: a merge commit per task, the task branch's attempts below it.")]
    public string Style { get; init; } = Squash;
}

public sealed record ReviewConfig
{
    [Description("Run the reviewer role on the verified integration branch; blocker and major findings become fix attempts of the owning tasks.")]
    public bool Enabled { get; init; }
}

public sealed record LimitsConfig
{
    [Description("Longest one agent attempt may run.")]
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromMinutes(30);

    [Description("Longest an agent may stay alive without progress: new output, and for CLI agents a stream event that is not a retry or an error.")]
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromMinutes(5);

    [Description("Longest an agent may go without progress while it says it cannot reach its API (at most stall_timeout); then otto stops it and retries with backoff.")]
    public TimeSpan OutageTimeout { get; init; } = TimeSpan.FromMinutes(1);

    [Description("Attempts per task, the first try and fixes together.")]
    [AtLeastOne]
    public int MaxAttempts { get; init; } = 3;

    [Description("The same failure signature this many times trips the breaker.")]
    [AtLeastOne]
    public int SignatureLimit { get; init; } = 3;

    [Description("New plan versions allowed after failures.")]
    public int MaxReplans { get; init; } = 2;

    [Description("Times the reviewer is asked per run (or per `otto review`); fix rounds happen between them, so the last review's findings are reported, not fixed.")]
    [AtLeastOne]
    public int MaxReviewRounds { get; init; } = 2;

    [Description("Rounds of `otto pr sync` (PR review comments and failing checks turned into fix attempts) per run.")]
    public int MaxPrRounds { get; init; } = 3;
    [Description("Answers a task may get to its questions (needs_human); a task that asks once more fails with cause limit.")]
    public int MaxQuestions { get; init; } = 3;

    [Description("Amendments per run: changes a task asks of the task that owns a path (status.json `amendments`); one more is refused and fails the task that asked, with cause ownership.")]
    public int MaxAmendments { get; init; } = 3;

    [Description("Most tasks a plan may have.")]
    [AtLeastOne]
    public int MaxTasks { get; init; } = 40;

    [Description("Wall-clock budget of a whole run.")]
    public TimeSpan RunBudget { get; init; } = TimeSpan.FromHours(2);

    [Description("Cost budget of a whole run in USD.")]
    public decimal MaxCostUsd { get; init; } = 25m;

    [Description("A claim whose owner has not refreshed its heartbeat for this long may be taken over.")]
    public TimeSpan LeaseTimeout { get; init; } = TimeSpan.FromMinutes(2);

    [Description("Between SIGTERM and SIGKILL when otto stops an agent.")]
    public TimeSpan KillGrace { get; init; } = TimeSpan.FromSeconds(5);

    [Description("Retries of transient agent failures (rate limits, 5xx, network); they do not count as attempts.")]
    public int TransientRetries { get; init; } = 4;

    [Description("First backoff delay of a transient retry; it doubles each time, with jitter.")]
    public TimeSpan TransientBackoff { get; init; } = TimeSpan.FromSeconds(5);

    [Description("After a rate limit (429, overloaded, RESOURCE_EXHAUSTED), how long new agents of that provider wait before they launch, in every otto process of the run; it doubles with each further hit, with jitter, until one gets through.")]
    public TimeSpan RateLimitBackoff { get; init; } = TimeSpan.FromSeconds(30);

    [Description("Longest rate-limit backoff, also for a wait the CLI asked for (retry-after).")]
    public TimeSpan RateLimitBackoffMax { get; init; } = TimeSpan.FromMinutes(10);

    [Description("Largest file a task may add or change; a bigger one is refused before merging.")]
    public ByteSize MaxFileSize { get; init; } = ByteSize.FromMegabytes(50);
}

public sealed record SetupConfig
{
    [Description("Git-ignored files copied from the repository into each new worktree.")]
    public IReadOnlyList<string> Copy { get; init; } = [];

    [Description("Shell commands run in each new worktree before its agent.")]
    public IReadOnlyList<string> Commands { get; init; } = [];
}

public sealed record LearningsConfig
{
    public const string DefaultPath = ".otto/learnings.md";

    [Description("A file relative to the repository root. Tracked in git (e.g. docs/otto-learnings.md): a successful run adds its learnings as the last commit of its branch, for review in the PR. Not tracked: they are kept in .otto/learnings.md.")]
    public string Path { get; init; } = DefaultPath;
}

public sealed record ProvidersConfig
{
    public ProviderConfig Claude { get; init; } = new();

    public ProviderConfig Codex { get; init; } = new();

    public ProviderConfig Gemini { get; init; } = new();
}

public sealed record ProviderConfig
{
    [Description("The executable (default: the provider's name on PATH).")]
    public string? Binary { get; init; }

    [Description("Default model for this provider.")]
    public string? Model { get; init; }

    [Description("Extra arguments appended to every invocation.")]
    public IReadOnlyList<string> Args { get; init; } = [];

    [Description("claude: --max-turns for each attempt (default 100).")]
    public int? MaxTurns { get; init; }

    [Description("claude: --permission-mode (default acceptEdits); gemini: --approval-mode (default auto_edit).")]
    public string? PermissionMode { get; init; }

    [Description("codex: --sandbox mode (default workspace-write); `bypass` runs with --dangerously-bypass-approvals-and-sandbox, for containers.")]
    public string? Sandbox { get; init; }
}

public sealed record PriceConfig
{
    [Description("USD per million input tokens.")]
    public decimal InputPerMtok { get; init; }

    [Description("USD per million output tokens.")]
    public decimal OutputPerMtok { get; init; }

    [Description("USD per million cached input tokens (default: the input price).")]
    public decimal? CachedInputPerMtok { get; init; }
}
