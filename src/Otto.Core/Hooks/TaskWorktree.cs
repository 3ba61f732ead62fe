using Otto.Runs;

namespace Otto.Hooks;

/// <summary>
/// An otto task worktree as a hook sees it: the run and task (from the marker otto writes into the
/// worktree's own git folder, else from the branch otto/tasks/RUN/TASK), and where the run folder is.
/// Found with file reads only; git is asked only when the repository's layout is unusual.
/// </summary>
public sealed record TaskWorktree(string Root, string GitDir, string RunId, string TaskId, string RepoRoot)
{
    public const string MarkerFile = "otto-task";

    /// <summary>The run's plan as of the attempt's start, beside the marker.</summary>
    public const string PlanCopyFile = "otto-plan.json";
    private const string BranchPrefix = "ref: refs/heads/otto/tasks/";

    public RunPaths Run => new OttoHome(RepoRoot).Run(RunId);

    /// <summary>The branch this worktree works on: the task's, or in a best-of round the variant branch its HEAD is on.</summary>
    public string Branch
    {
        get
        {
            var task = Git.BranchNames.Task(RunId, TaskId);
            var head = HeadBranch(GitDir);
            return head is not null && Git.BranchNames.IsVariantOf(head, task) ? head : task;
        }
    }

    /// <summary>The plan the hooks judge by: the copy otto left beside the marker, else the run's newest.</summary>
    public Planning.AcceptedPlan.Found? Plan()
    {
        var copy = Path.Combine(GitDir, PlanCopyFile);
        return File.Exists(copy) ? Planning.AcceptedPlan.Read(copy, 0) : Planning.AcceptedPlan.Latest(Run.Dir);
    }

    /// <summary>The task worktree containing the directory, or null when it is none (the user's own
    /// checkout, a linked worktree of the user's, a planner's worktree).</summary>
    public static TaskWorktree? Find(string directory)
    {
        var root = LinkedRoot(directory);
        if (root is null) return null;
        var gitDir = ReadGitDir(Path.Combine(root, ".git"));
        if (gitDir is null) return null;
        var (run, task) = FromMarker(gitDir) ?? FromHead(gitDir) ?? default;
        if (run is null || task is null) return null;
        var repoRoot = RepoRootOf(gitDir, root);
        return repoRoot is null ? null : new TaskWorktree(root, gitDir, run, task, repoRoot);
    }

    /// <summary>The marker's text: which task a worktree is for, and the files otto wrote into it.</summary>
    public static string MarkerText(string runId, string taskId, IEnumerable<string> writtenFiles) =>
        $"run {runId}\ntask {taskId}\n" + string.Concat(writtenFiles.Select(f => $"wrote {f}\n"));

    /// <summary>Files otto wrote into the worktree for its agent (never to be committed), from the marker.</summary>
    public static IReadOnlyList<string> WrittenFiles(string gitDir)
    {
        var marker = Path.Combine(gitDir, MarkerFile);
        return File.Exists(marker)
            ? File.ReadLines(marker).Where(l => l.StartsWith("wrote ", StringComparison.Ordinal)).Select(l => l[6..]).ToList()
            : [];
    }

    private static (string? Run, string? Task)? FromMarker(string gitDir)
    {
        var marker = Path.Combine(gitDir, MarkerFile);
        if (!File.Exists(marker)) return null;
        string? run = null, task = null;
        foreach (var line in File.ReadLines(marker))
        {
            if (line.StartsWith("run ", StringComparison.Ordinal)) run = line[4..].Trim();
            else if (line.StartsWith("task ", StringComparison.Ordinal)) task = line[5..].Trim();
        }
        return (run, task);
    }

    private static string? HeadBranch(string gitDir)
    {
        var head = Path.Combine(gitDir, "HEAD");
        var text = File.Exists(head) ? File.ReadAllText(head).Trim() : "";
        return text.StartsWith("ref: refs/heads/", StringComparison.Ordinal) ? text["ref: refs/heads/".Length..] : null;
    }

    private static (string? Run, string? Task)? FromHead(string gitDir)
    {
        var head = Path.Combine(gitDir, "HEAD");
        var text = File.Exists(head) ? File.ReadAllText(head).Trim() : "";
        if (!text.StartsWith(BranchPrefix, StringComparison.Ordinal)) return null;
        var parts = text[BranchPrefix.Length..].Split('/');
        return parts.Length == 2 ? (parts[0], parts[1]) : null;
    }

    /// <summary>The nearest folder upward whose `.git` is a file: a linked worktree's root.</summary>
    private static string? LinkedRoot(string directory)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
        {
            var marker = Path.Combine(dir.FullName, ".git");
            if (File.Exists(marker)) return dir.FullName;
            if (Directory.Exists(marker)) return null;
        }
        return null;
    }

    private static string? ReadGitDir(string dotGitFile)
    {
        var text = File.ReadAllText(dotGitFile).Trim();
        if (!text.StartsWith("gitdir:", StringComparison.Ordinal)) return null;
        var dir = text["gitdir:".Length..].Trim();
        return Path.GetFullPath(Path.IsPathRooted(dir) ? dir : Path.Combine(Path.GetDirectoryName(dotGitFile)!, dir));
    }

    /// <summary>The main checkout: the folder holding the common `.git` folder, or git's own answer.</summary>
    private static string? RepoRootOf(string gitDir, string worktreeRoot)
    {
        var commonFile = Path.Combine(gitDir, "commondir");
        var common = File.Exists(commonFile) ? File.ReadAllText(commonFile).Trim() : null;
        if (common is not null)
        {
            var full = Path.GetFullPath(Path.IsPathRooted(common) ? common : Path.Combine(gitDir, common));
            if (Path.GetFileName(full) == ".git") return Path.GetDirectoryName(full);
        }
        var list = Git.GitCli.Run(worktreeRoot, "worktree", "list", "--porcelain");
        var first = list.Ok ? list.Stdout.Split('\n').FirstOrDefault(l => l.StartsWith("worktree ", StringComparison.Ordinal)) : null;
        return first?["worktree ".Length..];
    }
}
