using Otto.Git;

namespace Otto.Tests;

/// <summary>
/// A real git repository in a temp folder: `main` with one commit, a fixed author, isolated from the
/// machine's git config; deleted on dispose. Verbs: Write, Commit, Git, Branch.
/// </summary>
public sealed class TempRepo : IDisposable
{
    /// <param name="parent">A folder to make the repository in (a small file system, for example); the temp folder by default.</param>
    public TempRepo(bool withInitialCommit = true, string? parent = null)
    {
        TestEnvironment.Ensure();
        Root = System.IO.Path.Combine(parent ?? TestEnvironment.NewTempDir("otto-repo-"), "repo");
        Directory.CreateDirectory(Root);
        Git("init", "--quiet", "--initial-branch=main");
        Git("config", "user.name", "Test Author");
        Git("config", "user.email", "test@example.invalid");
        Git("config", "commit.gpgsign", "false");
        if (withInitialCommit)
        {
            Write("README.md", "# test repository\n");
            Commit("initial commit");
        }
    }

    public string Root { get; }

    public GitRepo Repo => new(Root);

    public string Path(string relative) => System.IO.Path.Combine(Root, relative);

    public TempRepo Write(string relative, string content)
    {
        var path = Path(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return this;
    }

    public string Read(string relative) => File.ReadAllText(Path(relative));

    public string Commit(string message)
    {
        Git("add", "--all");
        Git("commit", "--quiet", "--no-verify", "--allow-empty", "-m", message);
        return Head;
    }

    public string Head => Git("rev-parse", "HEAD").Trim();

    public string Git(params string[] arguments) => GitCli.Run(Root, arguments).EnsureOk().Stdout;

    public GitResult TryGit(params string[] arguments) => GitCli.Run(Root, arguments);

    /// <summary>Content of a file on a branch or commit, or null when it is not there.</summary>
    public string? Show(string revision, string relative)
    {
        var result = GitCli.Run(Root, "show", $"{revision}:{relative}");
        return result.Ok ? result.Stdout : null;
    }

    /// <summary>A fingerprint of the user's checkout: HEAD, index and every file's bytes (including
    /// untracked ones, except .otto/ which otto owns), to prove a run left it untouched.</summary>
    public string CheckoutFingerprint()
    {
        var head = Git("rev-parse", "HEAD").Trim() + " " + Git("symbolic-ref", "HEAD").Trim();
        var index = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(Path(".git/index"))));
        var files = Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/.git/", StringComparison.Ordinal) && !f.Contains("/.otto/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => f[Root.Length..] + ":" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))));
        return head + "\n" + index + "\n" + string.Join("\n", files);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(System.IO.Path.GetDirectoryName(Root)!, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
