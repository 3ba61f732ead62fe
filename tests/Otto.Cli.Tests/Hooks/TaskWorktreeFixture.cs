using Otto.Git;

namespace Otto.Tests.Hooks;

/// <summary>
/// A repository with otto's hooks installed by the real `otto hooks install`, a run folder holding an
/// accepted plan (core: src/core/**, foundation; api: src/api/**; docs: docs/**) and task api's worktree on
/// its branch otto/tasks/RUN/api, outside the repository as otto makes them. Git runs as an agent's would:
/// hooks on, no OTTO_INTERNAL_GIT.
/// </summary>
internal sealed class TaskWorktreeFixture : IDisposable
{
    public const string RunId = "20261128-120000-abcd";

    private readonly string _outside = TestEnvironment.NewTempDir("otto-wt-");

    public TaskWorktreeFixture(Action<TempRepo>? beforeInstall = null)
    {
        Repo = new TempRepo();
        Repo.Write("src/core/api.sh", "core api\n").Write("src/core/db.sh", "db\n").Write("src/api/x.sh", "api\n")
            .Write("docs/guide.md", "guide\n").Write(".gitignore", "*.log\n").Commit("project");
        beforeInstall?.Invoke(Repo);
        var run = Repo.Path($".otto/runs/{RunId}");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "run.json"), $$"""{"run_id":"{{RunId}}","base_branch":"main","integration_branch":"otto/{{RunId}}"}""");
        File.WriteAllText(Path.Combine(run, "plan-v1.json"), """
            {"summary":"three tasks","tasks":[
              {"id":"core","title":"Core","role":"foundation","depends_on":[],"owned_paths":["src/core/**"]},
              {"id":"api","title":"Api","role":"feature","depends_on":["core"],"owned_paths":["src/api/**"]},
              {"id":"docs","title":"Docs","role":"feature","depends_on":["core"],"owned_paths":["docs/**"]}],
             "shared_files":[],"contracts":[{"path":"src/core/api.sh","owner":"core"}]}
            """);
        Repo.Git("update-ref", $"refs/heads/otto/{RunId}", "HEAD");
        Repo.Git("branch", $"otto/tasks/{RunId}/docs", "HEAD");
        Worktree = Path.Combine(_outside, RunId, "api");
        Repo.Git("worktree", "add", "--quiet", "-b", $"otto/tasks/{RunId}/api", Worktree, "main");
    }

    public TempRepo Repo { get; }

    public string Worktree { get; }

    public string RunDir => Repo.Path($".otto/runs/{RunId}");

    public Task<OttoResult> OttoAsync(params string[] args) => OttoProcess.RunAsync(Repo.Root, null, TimeSpan.FromMinutes(1), args);

    /// <summary>git as an agent runs it in its worktree (or elsewhere): hooks on, not marked as otto's own.</summary>
    public static GitResult AgentGit(string dir, IReadOnlyDictionary<string, string?>? env, params string[] args)
    {
        var environment = new Dictionary<string, string?> { ["OTTO_INTERNAL_GIT"] = null };
        foreach (var (key, value) in env ?? new Dictionary<string, string?>()) environment[key] = value;
        return GitCli.Run(dir, args, null, environment);
    }

    public GitResult AgentGit(params string[] args) => AgentGit(Worktree, null, args);

    public void Write(string relative, string content)
    {
        var path = Path.Combine(Worktree, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Head => AgentGit("rev-parse", "HEAD").Line;

    public void Dispose()
    {
        Repo.Dispose();
        try
        {
            Directory.Delete(_outside, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
