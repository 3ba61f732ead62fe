using Otto.Git;

namespace Otto.Engine;

/// <summary>
/// The checks before otto changes anything: git new enough, a repository with commits, on a branch,
/// clean (unless allowed). Each failure is one sentence and the right exit code; nothing is written.
/// </summary>
public static class Preflight
{
    public static void CheckEnvironment()
    {
        var version = GitVersion.Installed()
            ?? throw new OttoException("git was not found on PATH; otto needs git 2.38 or newer", ExitCodes.Environment);
        if (!version.IsAtLeast(GitVersion.Required))
            throw new OttoException($"git {version} is too old; otto needs git {GitVersion.Required.Major}.{GitVersion.Required.Minor} or newer (for merge-tree --write-tree)", ExitCodes.Environment);
        if (!Executables.Exists("setsid"))
            throw new OttoException("setsid was not found on PATH; otto needs it (util-linux) to run agents in their own process groups", ExitCodes.Environment);
    }

    /// <summary>The repository containing the directory, or a clear error.</summary>
    public static GitRepo OpenRepo(string directory)
    {
        if (!Directory.Exists(directory)) throw new OttoException($"{directory} does not exist");
        return GitRepo.Discover(directory)
            ?? throw new OttoException($"{directory} is not inside a git repository; run otto from your project's checkout (or `git init` first)");
    }

    /// <summary>
    /// The branch to build on, after checking the repository can be built on at all, and the untracked
    /// files (outside .otto/). Changes to tracked files refuse the build unless allowed: otto builds from
    /// the last commit, and the user would otherwise believe their edits were part of it. Untracked files
    /// do not refuse it (a fresh otto.yaml is one): the caller warns that they stay out of the worktrees.
    /// </summary>
    public static (string Branch, string Sha, IReadOnlyList<string> Untracked) CheckBuildable(GitRepo repo, bool allowDirty)
    {
        if (!repo.HasCommits)
            throw new OttoException($"the repository at {repo.Root} has no commits yet; commit something first, otto builds on top of a commit");
        var branch = repo.CurrentBranch
            ?? throw new OttoException($"HEAD is detached in {repo.Root}; check out a branch first (otto builds on top of a branch)");
        // otto's branches are otto/RUN and otto/tasks/...: git cannot make them while `otto` is itself a branch.
        if (repo.TryResolve("refs/heads/" + BranchNames.Root) is not null)
            throw new OttoException($"a branch named `{BranchNames.Root}` exists in {repo.Root}, so git cannot make otto's branches ({BranchNames.Root}/RUN-ID, "
                + $"{BranchNames.Root}/tasks/...): a name cannot be both a branch and a folder of branches; rename it (`git branch -m {BranchNames.Root} NEW-NAME`)");
        var changes = repo.Changes();
        static bool Ours(string path) => path.StartsWith(".otto/", StringComparison.Ordinal) || path == ".otto";
        if (!allowDirty)
        {
            var dirty = changes.Tracked.Where(p => !Ours(p)).ToList();
            if (dirty.Count > 0)
                throw new OttoException($"{repo.Root} has uncommitted changes to tracked files ({Describe(dirty)}); commit or stash them, or pass --allow-dirty (otto builds from the last commit either way)");
        }
        return (branch, repo.Resolve("HEAD"), changes.Untracked.Where(p => !Ours(p)).ToList());
    }

    public static string Describe(IReadOnlyList<string> paths) =>
        paths.Count <= 3 ? string.Join(", ", paths) : $"{string.Join(", ", paths.Take(3))} and {paths.Count - 3} more";
}

/// <summary>Finds programs on PATH.</summary>
public static class Executables
{
    /// <summary>A program's path: as given when it has a slash, else the first executable file of that name in a
    /// rooted folder of PATH (a relative entry would be looked up from wherever otto runs, not where the
    /// program will).</summary>
    public static string? Find(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal)) return File.Exists(name) ? Path.GetFullPath(name) : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Where(Path.IsPathRooted))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate) && IsExecutable(candidate)) return candidate;
        }
        return null;
    }

    private static bool IsExecutable(string path) =>
        OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    public static bool Exists(string name) => Find(name) is not null;
}
