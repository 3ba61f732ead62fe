using Otto.Agents;
using Otto.Config;
using Otto.Git;
using Otto.Platform;
using Otto.Reporting;
using Otto.Runs;
using Otto.Secrets;

namespace Otto.Engine;

/// <summary>One opened run, as the driver or a worker sees it: its files, journal, config snapshot and repo.</summary>
public sealed class RunContext
{
    private readonly Lazy<Scenario> _scenario;

    public RunContext(RunPaths paths, IRunObserver observer)
    {
        Paths = paths;
        Info = RunInfo.Load(paths);
        Journal = new RunJournal(paths);
        Repo = new GitRepo(Info.RepoRoot);
        Observer = observer;
        Redactor = Redactor.FromProcess();
        Prompts = new PromptRenderer(new OttoHome(Info.RepoRoot).Templates);
        _scenario = new Lazy<Scenario>(() => ScenarioLoader.Load(paths.Scenario, "scenario.yaml"));
    }

    public RunPaths Paths { get; }

    public RunInfo Info { get; }

    public OttoConfig Config => Info.Config;

    public RunJournal Journal { get; }

    /// <summary>The user's repository (its main worktree is never written to).</summary>
    public GitRepo Repo { get; }

    public IRunObserver Observer { get; }

    public Redactor Redactor { get; }

    public PromptRenderer Prompts { get; }

    public AgentLimits Limits => AgentLimits.From(Config.Limits);

    /// <summary>Opens a run by id, or says clearly that there is no such run.</summary>
    public static RunContext Open(OttoHome home, string runId, IRunObserver observer)
    {
        var paths = home.Run(runId);
        if (!RunId.IsValid(runId) || !File.Exists(paths.RunJson))
            throw new OttoException($"there is no run `{runId}` in {home.RunsDir} (see `otto runs`)");
        return new RunContext(paths, observer);
    }

    public AgentRequestFactory Agents(string role) => new(this, role);

    public IAgentProvider Provider(AgentConfig agent) => ProviderCatalog.Create(agent, Config, () => _scenario.Value);

    public string TaskWorktree(string taskId) => WorktreeLayout.TaskWorktree(Info.WorktreeRoot, Info.RunId, taskId);

    public string StageWorktree(string stage) => WorktreeLayout.StageWorktree(Info.WorktreeRoot, Info.RunId, stage);

    /// <summary>A new owner identity for a claim: this process plus a fresh token.</summary>
    public static Owner NewOwner()
    {
        var me = ProcessIdentity.Current;
        return new Owner(ProcessIdentity.HostName, me.Pid, me.StartTime, Guid.NewGuid().ToString("N")[..12]);
    }
}

/// <summary>Builds agent requests for one role, with otto's environment and the run's limits.</summary>
/// <param name="agent">The agent to use instead of the role's (a best-of variant's).</param>
public sealed class AgentRequestFactory(RunContext run, string role, AgentConfig? agent = null)
{
    public AgentConfig Agent { get; } = agent ?? AgentSelection.For(run.Config, role);

    public IAgentProvider Provider => run.Provider(Agent);

    public AgentRequest Create(string stage, string? taskId, int attempt, string worktree, AttemptFiles files, string prompt, string? outputFile) => new()
    {
        Role = role,
        Stage = stage,
        RunId = run.Info.RunId,
        TaskId = taskId,
        Attempt = attempt,
        Worktree = worktree,
        Files = files,
        Prompt = prompt,
        OutputFile = outputFile,
        Agent = Agent,
        Config = run.Config,
        RepoRoot = run.Info.RepoRoot,
        Context = AgentContext.For(run, run.Journal.Read(), stage, taskId, attempt),
    };
}
