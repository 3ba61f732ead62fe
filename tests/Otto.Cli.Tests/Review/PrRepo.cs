using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.Review;

/// <summary>
/// A project built by otto, a local bare repository as its `origin` (the upstream of main), and the
/// fake `gh` on PATH: everything `otto pr` talks to, real except GitHub itself.
/// </summary>
public sealed class PrRepo : IDisposable
{
    private readonly string _dir;

    public PrRepo(string scenario, IReadOnlyDictionary<string, string>? limits = null, bool withRemote = true)
    {
        Project = OttoProject.Create(scenario, limits);
        _dir = TestEnvironment.NewTempDir("otto-pr-");
        Remote = Path.Combine(_dir, "remote.git");
        GhState = Directory.CreateDirectory(Path.Combine(_dir, "gh-state")).FullName;
        GhBin = Path.Combine(_dir, "gh-bin");
        FakeGh.Write(GhBin);
        if (!withRemote) return;
        Otto.Git.GitCli.Run(_dir, "init", "--quiet", "--bare", Remote).EnsureOk();
        Project.Repo.Git("remote", "add", "origin", Remote);
        Project.Repo.Git("push", "--quiet", "--set-upstream", "origin", "main");
    }

    public OttoProject Project { get; }

    public string Remote { get; }

    public string GhState { get; }

    private string GhBin { get; }

    public RunFolder Run => Project.SingleRun();

    public async Task<RunFolder> BuildAsync(int expectedExit = 0)
    {
        var build = await Project.BuildAsync("add the work the scenario describes");
        Assert.True(build.ExitCode == expectedExit, build.ToString());
        return Run;
    }

    /// <summary>`otto pr ...` with the fake gh first on PATH, or with a PATH that has no gh at all.</summary>
    public Task<OttoResult> PrAsync(bool withGh, params string[] arguments)
    {
        var path = withGh ? GhBin + ":" + Environment.GetEnvironmentVariable("PATH") : ToolsWithoutGh();
        var environment = new Dictionary<string, string?> { ["PATH"] = path, ["FAKE_GH_STATE"] = GhState, ["FAKE_GH_REMOTE"] = Remote };
        return OttoProcess.RunAsync(Project.Root, environment, OttoProject.Timeout, ["pr", .. arguments]);
    }

    public IReadOnlyList<IReadOnlyList<string>> GhCalls => FakeGh.Calls(GhState);

    /// <summary>The commit the bare remote's branch points at, or null.</summary>
    public string? RemoteHead(string branch)
    {
        var result = Otto.Git.GitCli.Run(_dir, "--git-dir", Remote, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch);
        return result.Ok ? result.Line : null;
    }

    /// <summary>Someone else pushes a commit on top of the run's branch (through a clone of the remote).</summary>
    public string PushForeignCommit(string branch)
    {
        var clone = Path.Combine(_dir, "someone-else");
        Otto.Git.GitCli.Run(_dir, "clone", "--quiet", "--branch", branch, Remote, clone).EnsureOk();
        File.WriteAllText(Path.Combine(clone, "extra.txt"), "not verified by otto\n");
        foreach (var args in new[] { new[] { "add", "extra.txt" }, ["-c", "user.name=Someone", "-c", "user.email=someone@example.invalid", "commit", "--quiet", "-m", "an unverified change"], ["push", "--quiet", "origin", branch] })
            Otto.Git.GitCli.Run(clone, args).EnsureOk();
        return RemoteHead(branch)!;
    }

    /// <summary>A PATH with git and sh but no gh (the machine may have a real one in /usr/bin).</summary>
    private string ToolsWithoutGh()
    {
        var tools = Path.Combine(_dir, "tools");
        if (Directory.Exists(tools)) return tools;
        Directory.CreateDirectory(tools);
        foreach (var name in new[] { "git", "sh" })
            File.CreateSymbolicLink(Path.Combine(tools, name), Otto.Engine.Executables.Find(name) ?? throw new InvalidOperationException($"{name} is not on PATH"));
        return tools;
    }

    public void Dispose()
    {
        Project.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
