namespace Otto.Runs;

/// <summary>Every file of a run folder (.otto/runs/RUN-ID/), named once. contracts.md describes them.</summary>
public sealed record RunPaths(string Dir)
{
    public string RunId => Path.GetFileName(Dir);
    public string RunJson => Path.Combine(Dir, "run.json");
    public string Events => Path.Combine(Dir, "events.ndjson");
    public string Lock => Path.Combine(Dir, "run.lock");
    public string DriverLock => Path.Combine(Dir, "driver.lock");
    public string DriverJson => Path.Combine(Dir, "driver.json");
    public string State => Path.Combine(Dir, "state.json");
    public string Live => Path.Combine(Dir, "live.json");
    public string Final => Path.Combine(Dir, "final.json");
    public string Classification => Path.Combine(Dir, "classification.json");
    public string PlanMarkdown => Path.Combine(Dir, "plan.md");
    public string Context => Path.Combine(Dir, "context.md");
    public string Scenario => Path.Combine(Dir, "scenario.yaml");

    public string Plan(int version) => Path.Combine(Dir, $"plan-v{version}.json");

    public string TaskDir(string taskId) => Path.Combine(Dir, "tasks", taskId);

    public string AttemptDir(string taskId, int attempt) => Path.Combine(TaskDir(taskId), $"attempt-{attempt}");

    /// <summary>Run-level stages (classify, plan, integrate) keep their attempts beside the tasks'.</summary>
    public string StageAttemptDir(Stage stage, int attempt) => Path.Combine(Dir, "stages", stage.Name(), $"attempt-{attempt}");
}

/// <summary>The repository's .otto folder and where its runs live.</summary>
public sealed record OttoHome(string RepoRoot)
{
    public string Dir => Path.Combine(RepoRoot, ".otto");
    public string RunsDir => Path.Combine(Dir, "runs");
    public string Templates => Path.Combine(Dir, "templates");
    public string Learnings => Path.Combine(Dir, "learnings.md");

    public RunPaths Run(string runId) => new(Path.Combine(RunsDir, runId));
}
