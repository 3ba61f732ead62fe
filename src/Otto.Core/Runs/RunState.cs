using System.Collections.Immutable;
using Otto.Events;

namespace Otto.Runs;

/// <summary>
/// Everything known about a run, folded from events.ndjson by <see cref="StateFold"/>. Never edited
/// directly; state.json is a cache of it. Seq and Offset say how much of the log it reflects.
/// </summary>
public sealed record RunState
{
    public string RunId { get; init; } = "";
    public string Intent { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public string BaseBranch { get; init; } = "";
    public string BaseSha { get; init; } = "";
    public string IntegrationBranch { get; init; } = "";
    public bool PlanOnly { get; init; }

    /// <summary>running, succeeded, failed or canceled (the last three only after run_finished).</summary>
    public RunStatus Status { get; init; } = RunStatus.Running;
    public Stage Stage { get; init; } = Stage.Classify;
    public StageProgress? ActiveStage { get; init; }

    /// <summary>Why the last classify/plan/integrate attempt failed, or null when it did not.</summary>
    public FailureInfo? LastStageFailure { get; init; }
    public int ClassifyAttempts { get; init; }
    public Classification? Classification { get; init; }
    public int PlanAttempts { get; init; }
    public int PlanVersion { get; init; }
    public ImmutableList<string> PlanErrors { get; init; } = [];
    public ImmutableList<TaskState> Tasks
    {
        get => _tasks;
        init
        {
            _tasks = value;
            _index = null;
        }
    }

    public ImmutableList<string> SharedFiles { get; init; } = [];

    /// <summary>The plan's contracts: shared interfaces, each owned by a foundation task and frozen once it merged.</summary>
    public ImmutableList<PlannedContract> Contracts { get; init; } = [];

    /// <summary>Every amendment of the run, by id (1, 2, 3...).</summary>
    public ImmutableList<Amendment> Amendments { get; init; } = [];
    public string? IntegrationHead { get; init; }
    public int IntegrationVerifyAttempts { get; init; }
    public bool? IntegrationVerified { get; init; }
    public FailureInfo? IntegrationFailure { get; init; }
    /// <summary>Integration checks that failed and were given to the integration task to fix.</summary>
    public int IntegrationFixRounds { get; init; }

    /// <summary>Integration check attempts made before the latest fix round (a check may crash twice per round).</summary>
    public int IntegrationAttemptsBefore { get; init; }
    public ReviewProgress Review { get; init; } = new();
    public PrProgress Pr { get; init; } = new();
    /// <summary>The baseline check of the base commit, once started.</summary>
    public BaselineState? Baseline { get; init; }
    /// <summary>The sum of the costs that were reported; <see cref="UnknownCosts"/> counts the agent runs
    /// (task attempts and stages) whose cost nobody reported, so a total is never passed off as complete.</summary>
    public decimal CostUsd { get; init; }
    public int UnknownCosts { get; init; }
    public TokenCounts Tokens { get; init; } = new();
    public int UnknownTokens { get; init; }
    public RunOutcome? Outcome { get; init; }

    /// <summary>Time between an ending and the run_resumed that reopened the run (`otto review`, `otto pr
    /// sync`, `otto resume`): not counted against limits.run_budget.</summary>
    public TimeSpan PausedFor { get; init; }

    /// <summary>Replan rounds, retired tasks and pilot consultations (fix-or-replan).</summary>
    public RecoveryState Recovery { get; init; } = RecoveryState.Empty;

    /// <summary>Providers backing off after a rate limit, and the attempts waiting for them.</summary>
    public RateLimitState RateLimits { get; init; } = RateLimitState.Empty;

    /// <summary>What changed behind otto's back during the run (integrity_warning events), oldest first.</summary>
    public ImmutableList<IntegrityWarning> Warnings { get; init; } = [];

    /// <summary>The first integrity problem that stops the run, or null.</summary>
    public FailureInfo? IntegrityFailure =>
        Warnings.FirstOrDefault(w => w.Stops) is { } stop ? new FailureInfo(FailureKind.Integrity, stop.Detail, "integrity " + stop.What) : null;

    /// <summary>Foreign log lines this process read and nobody has reported yet (not folded, not cached).</summary>
    public IReadOnlyList<LogProblem> UnreportedLogProblems { get; init; } = [];
    public DateTimeOffset? FinishedAt { get; init; }
    public long Seq { get; init; }
    public long Offset { get; init; }

    public bool IsFinished => Outcome is not null;

    private readonly ImmutableList<TaskState> _tasks = [];

    /// <summary>Task id -> position. Positions never change after plan_accepted, so replacing a task
    /// keeps the index; a new task list drops it. (The fold looks tasks up twice per event.)</summary>
    private Dictionary<string, int>? _index;

    public TaskState? Task(string id) => Index().TryGetValue(id, out var i) ? _tasks[i] : null;

    public RunState WithTask(TaskState task)
    {
        var index = Index();
        var copy = this with { Tasks = _tasks.SetItem(index[task.Id], task) };
        copy._index = index;
        return copy;
    }

    private Dictionary<string, int> Index()
    {
        if (_index is { } known) return known;
        var index = new Dictionary<string, int>(_tasks.Count, StringComparer.Ordinal);
        for (var i = 0; i < _tasks.Count; i++) index.TryAdd(_tasks[i].Id, i);
        return _index = index;
    }
}

public sealed record StageProgress(Stage Stage, int Attempt);

/// <summary>Where the baseline stands: started (attempt), and once finished, passed or the failure.</summary>
public sealed record BaselineState(int Attempt, bool Finished, bool Passed, FailureInfo? Failure, bool Cached);

public sealed record Classification(string Kind, string Size, bool SingleTask, string? Rationale);

public sealed record RunOutcome(RunStatus Status, FailureInfo? Cause);
