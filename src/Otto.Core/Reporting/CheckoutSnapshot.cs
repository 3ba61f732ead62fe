using Otto.Git;

namespace Otto.Reporting;

/// <summary>
/// The user's checkout at one moment, as checkout.json records it (<see cref="CheckoutWatch"/>): HEAD's commit
/// (null on an unborn branch), its branch (null when detached), and every path `git status` lists with its
/// two status letters and a hash of its content ("XY HASH", the letters as `--porcelain=v1` writes them).
/// Taken with one `git status --porcelain=v2 --branch`, which names HEAD and its branch as well: the driver takes
/// one every few seconds (<see cref="Engine.CheckoutLooker"/>), `otto status` one when no driver does, and a second
/// git process (or loading libgit2) cost more than all the rest of a status.
/// </summary>
public sealed record CheckoutSnapshot(string? Head, string? Branch, IReadOnlyDictionary<string, string> Files)
{
    /// <summary>A hash of each file that decides what `git status` lists (<see cref="GitRulesFiles"/>) and of the
    /// paths the index's bits hide (<see cref="HiddenByIndex"/>): a write hidden by an ignore rule added for it, a
    /// config, or such a bit shows as a change of that. Null in a record from before they were kept (nothing to
    /// compare then).</summary>
    public IReadOnlyDictionary<string, string>? GitRules { get; init; }

    /// <summary>Ignored files are not listed. (Read-only: GitCli runs git without optional locks, so it does not
    /// refresh the index's stat data, a write into your checkout that could take the lock from your own git.)</summary>
    private static readonly string[] StatusArguments =
        ["status", "--porcelain=v2", "--branch", "--no-ahead-behind", "-z", "--untracked-files=all"];

    /// <summary>The checkout at <paramref name="root"/> now; null when git cannot read it (the folder is gone, its
    /// index is broken, git could not be started) or there is no checkout to read.</summary>
    public static CheckoutSnapshot? Take(string? root)
    {
        if (root is null || !Directory.Exists(root)) return null;
        var status = GitCli.Run(root, StatusArguments);
        if (!status.Ok) return null;
        var snapshot = Parse(status.Stdout, path => FileHash.Of(Path.Combine(root, path))) with { GitRules = GitRulesOf(root) };
        // git names no branch for a detached HEAD, and none either for a HEAD on a ref outside refs/heads, or on a
        // branch named "(detached)": HEAD itself tells them apart, as the record always did.
        return snapshot.Branch is null ? snapshot with { Branch = new GitRepo(root).CurrentBranch } : snapshot;
    }

    /// <summary>The snapshot `git status --porcelain=v2 --branch -z` printed, each listed path's content hashed by <paramref name="hashOf"/>.</summary>
    public static CheckoutSnapshot Parse(string porcelainV2, Func<string, string> hashOf)
    {
        string? head = null, branch = null;
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = porcelainV2.Split('\0', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry.StartsWith("# branch.oid ", StringComparison.Ordinal)) head = Known(entry["# branch.oid ".Length..], "(initial)");
            else if (entry.StartsWith("# branch.head ", StringComparison.Ordinal)) branch = Named(entry["# branch.head ".Length..]);
            else if (Listed(entry) is var (letters, path))
            {
                files[path] = letters + " " + hashOf(path);
                if (entry[0] == '2') i++; // a rename or copy: its source path follows as an entry of its own
            }
        }
        return new CheckoutSnapshot(head, branch, files);
    }

    /// <summary>What differs between two snapshots: <see cref="CheckoutWatch.Head"/> when the commit or branch
    /// moved, then each path whose letters or content differ, in ordinal order.</summary>
    public static List<string> Changes(CheckoutSnapshot start, CheckoutSnapshot end)
    {
        var changed = new List<string>();
        if (start.Head != end.Head || start.Branch != end.Branch) changed.Add(CheckoutWatch.Head);
        if (start.GitRules is { } before && end.GitRules is { } after)
        {
            changed.AddRange(before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
                .Where(name => before.GetValueOrDefault(name) != after.GetValueOrDefault(name)));
        }
        foreach (var path in start.Files.Keys.Union(end.Files.Keys).Order(StringComparer.Ordinal))
        {
            if (start.Files.GetValueOrDefault(path) != end.Files.GetValueOrDefault(path)) changed.Add(path);
        }
        return changed;
    }

    /// <summary>The files whose rules decide what `git status` lists in the checkout at <paramref name="root"/>,
    /// by the name a change reports: the repository's own excludes and config, and the user's global ones at
    /// their default places (a `core.excludesFile` set elsewhere is in one of the configs, whose change shows).</summary>
    public static IReadOnlyList<(string Name, string Path)> GitRulesFiles(string root)
    {
        var common = new GitRepo(root).CommonDir;
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } set ? set : Path.Combine(home, ".config");
        // GIT_CONFIG_GLOBAL names the one global config git reads instead of both of its own.
        IEnumerable<(string, string)> global = Environment.GetEnvironmentVariable("GIT_CONFIG_GLOBAL") is { Length: > 0 } file
            ? [("$GIT_CONFIG_GLOBAL", file)]
            : [("~/.gitconfig", Path.Combine(home, ".gitconfig")), ("~/.config/git/config", Path.Combine(xdg, "git", "config"))];
        return
        [
            (".git/info/exclude", Path.Combine(common, "info", "exclude")),
            (".git/config", Path.Combine(common, "config")),
            .. global,
            ("~/.config/git/ignore", Path.Combine(xdg, "git", "ignore")),
        ];
    }

    /// <summary>What a change of the index's hiding bits is reported as.</summary>
    public const string HiddenByIndex = ".git/index (its assume-unchanged and skip-worktree bits)";

    private static Dictionary<string, string> GitRulesOf(string root)
    {
        var rules = GitRulesFiles(root).ToDictionary(f => f.Name, f => FileHash.Of(f.Path), StringComparer.Ordinal);
        rules[HiddenByIndex] = HiddenPathsHash(root);
        return rules;
    }

    /// <summary>A hash of the tracked paths git is told not to look at (`update-index --assume-unchanged`, lower
    /// case in `git ls-files -v`; `--skip-worktree`, S): a write to such a file is not in `git status`. A sparse
    /// checkout's paths are there from the start and do not change.</summary>
    private static string HiddenPathsHash(string root)
    {
        var listed = GitCli.Run(root, "ls-files", "-v", "-z");
        if (!listed.Ok) return "unreadable";
        var hidden = listed.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Where(entry => entry.Length > 2 && (char.IsLower(entry[0]) || entry[0] == 'S'))
            .Order(StringComparer.Ordinal);
        return FileHash.OfText(string.Join('\0', hidden));
    }

    private static string? Known(string value, string unknown) => value == unknown ? null : value;

    /// <summary>The branch git names, or null for its placeholders: "(detached)" (a detached HEAD, or a branch of
    /// that name) and "(null)" (HEAD on a ref outside refs/heads).</summary>
    private static string? Named(string value) => value is "(detached)" or "(null)" ? null : value;

    /// <summary>The status letters (v1's, a space for v2's '.') and the path of a changed (1), renamed or copied
    /// (2), unmerged (u) or untracked (?) entry; null for anything else. Paths may hold spaces: they are the
    /// rest of the entry after a fixed number of fields.</summary>
    private static (string Letters, string Path)? Listed(string entry)
    {
        if (entry.Length < 3 || entry[1] != ' ') return null;
        if (entry[0] == '?') return ("??", entry[2..]);
        var fields = entry[0] switch { '1' => 9, '2' => 10, 'u' => 11, _ => 0 };
        if (fields == 0) return null;
        var parts = entry.Split(' ', fields);
        return parts.Length == fields && parts[1].Length == 2 ? (parts[1].Replace('.', ' '), parts[^1]) : null;
    }
}
