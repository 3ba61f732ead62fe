using Otto.Config;
using Otto.Git;
using Otto.MergeGates;
using Otto.Secrets;

namespace Otto.Tests.MergeGates;

/// <summary>The gate on real git commits: what a task added since its merge base, nothing older.</summary>
public sealed class MergeGateTests
{
    private static readonly Redactor Redactor = new([]);

    [Fact]
    public void Secrets_big_files_and_escaping_links_added_by_the_task_are_named_without_the_secret()
    {
        using var repo = new TempRepo();
        repo.Write("old/secret.env", "token=" + FakeSecrets.ApiToken + "\n"); // before the task: not its doing
        var mergeBase = repo.Commit("base");
        repo.Write("app/config.py", "import os\n\nGITHUB = \"" + FakeSecrets.GitHubClassic + "\"\nDB = os.environ[\"DB\"]\n");
        repo.Write("app/key.pem", "notes\n" + FakeSecrets.PrivateKey + "\n");
        repo.Write("app/data.bin", new string('x', 3000));
        File.CreateSymbolicLink(repo.Path("app/passwd"), "/etc/passwd");
        File.CreateSymbolicLink(repo.Path("app/readme"), "../README.md");
        var task = repo.Commit("the task");

        var refusal = MergeGate.Refusal(repo.Repo, mergeBase, task, Config("refuse", "2KB"), Redactor);

        Assert.NotNull(refusal);
        Assert.Equal(
            [
                "the task's changes were refused before merging:",
                "- app/data.bin: 2.9KB (3000 bytes), over the limit of 2KB (rule: limits.max_file_size)",
                "- app/passwd: a symlink to /etc/passwd, outside the repository (rule: symlink-outside-repository)",
                "- app/config.py:3: adds a secret (rule: github-token)",
                "- app/key.pem:2: adds a secret (rule: private-key)",
            ],
            refusal.Split('\n').Take(5));
        Assert.Contains("secrets: allow", refusal, StringComparison.Ordinal);
        Assert.All(FakeSecrets.All, secret => Assert.DoesNotContain(secret, refusal, StringComparison.Ordinal));
    }

    [Fact]
    public void With_secrets_allowed_only_the_file_rules_apply_and_a_clean_change_passes()
    {
        using var repo = new TempRepo();
        var mergeBase = repo.Head;
        repo.Write("app/config.py", "GITHUB = \"" + FakeSecrets.GitHubClassic + "\"\n");
        var task = repo.Commit("the task");

        Assert.Null(MergeGate.Refusal(repo.Repo, mergeBase, task, Config("allow", "50MB"), Redactor));
        Assert.NotNull(MergeGate.Refusal(repo.Repo, mergeBase, task, Config("refuse", "50MB"), Redactor));
        Assert.Null(MergeGate.Refusal(repo.Repo, task, task, Config("refuse", "50MB"), Redactor));
    }

    [Fact]
    public void A_removed_secret_is_not_counted_and_many_findings_are_summed_up()
    {
        using var repo = new TempRepo();
        repo.Write("keys.txt", "password=" + FakeSecrets.Password + "\n");
        var mergeBase = repo.Commit("a secret the task removes");
        repo.Git("rm", "-q", "keys.txt");
        repo.Write("many.env", string.Concat(Enumerable.Range(0, 30).Select(i => $"api_key=k{i}{FakeSecrets.ApiToken}\n")));
        var task = repo.Commit("the task");

        var refusal = MergeGate.Refusal(repo.Repo, mergeBase, task, Config("refuse", "50MB"), Redactor)!;

        Assert.DoesNotContain("keys.txt", refusal, StringComparison.Ordinal);
        Assert.Contains("- many.env:20: adds a secret (rule: secret-assignment)", refusal, StringComparison.Ordinal);
        Assert.Contains("- ... and 10 more", refusal, StringComparison.Ordinal);
    }

    public static TheoryData<string> Backends => new() { "cli", "libgit2" };

    /// <summary>With libgit2 a file the task adds is read from the object database, with the CLI every line
    /// comes from `git diff`: the same findings on the same lines, whichever files are added or changed.</summary>
    [Theory, MemberData(nameof(Backends))]
    public void Added_and_changed_files_are_scanned_alike_on_both_back_ends(string backend)
    {
        using var repo = new TempRepo();
        repo.Write("app/settings.py", "DEBUG = True\nNAME = \"app\"\n");
        repo.Write("gone.txt", "password=" + FakeSecrets.Password + "\n");
        var mergeBase = repo.Commit("base");
        // Changed: a secret in the middle of an existing file (line 2 of the new version).
        repo.Write("app/settings.py", "DEBUG = True\nGITHUB = \"" + FakeSecrets.GitHubClassic + "\"\nNAME = \"app\"\n");
        // Added: CRLF lines, a secret after a lone carriage return, one with no final newline, an empty file.
        repo.Write("app/windows.ini", "[x]\r\n\r\napi_key=" + FakeSecrets.ApiToken + "\r\n");
        repo.Write("app/hidden.txt", "harmless\rtoken=" + FakeSecrets.ApiToken + "\nend\n");
        repo.Write("app/last.pem", "notes\n" + FakeSecrets.PrivateKey);
        repo.Write("app/empty.txt", "");
        repo.Git("rm", "-q", "gone.txt");
        var task = repo.Commit("the task");

        var refusal = RefusalOn(backend, repo, mergeBase, task)!;

        Assert.Equal(
            [
                "- app/hidden.txt:1: adds a secret (rule: secret-assignment)",
                "- app/last.pem:2: adds a secret (rule: private-key)",
                "- app/settings.py:2: adds a secret (rule: github-token)",
                "- app/windows.ini:3: adds a secret (rule: secret-assignment)",
            ],
            Named(refusal).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("gone.txt", refusal, StringComparison.Ordinal);
    }

    /// <summary>More findings than a refusal lists: the same ones are named on both back-ends, in path order,
    /// whether their files were added (read in-process with libgit2) or changed (read from `git diff`).</summary>
    [Theory, MemberData(nameof(Backends))]
    public void The_findings_a_refusal_names_are_the_first_in_path_order_on_both_back_ends(string backend)
    {
        using var repo = new TempRepo();
        repo.Write("a-changed.env", "# settings\n");
        var mergeBase = repo.Commit("base");
        string Secrets(string file) => string.Concat(Enumerable.Range(1, 15).Select(i => $"api_key=k{file}{i}{FakeSecrets.ApiToken}\n"));
        repo.Write("a-changed.env", "# settings\n" + Secrets("a")).Write("b-added.env", Secrets("b"));
        var task = repo.Commit("the task");

        var refusal = RefusalOn(backend, repo, mergeBase, task)!;

        Assert.Equal(
            [.. Enumerable.Range(2, 15).Select(l => $"- a-changed.env:{l}: adds a secret (rule: secret-assignment)"),
             .. Enumerable.Range(1, 5).Select(l => $"- b-added.env:{l}: adds a secret (rule: secret-assignment)")],
            Named(refusal));
        Assert.Contains("- ... and 10 more", refusal, StringComparison.Ordinal);
    }

    [Theory, MemberData(nameof(Backends))]
    public void A_task_that_only_adds_clean_files_or_only_deletes_passes_on_both_back_ends(string backend)
    {
        using var repo = new TempRepo();
        repo.Write("old.txt", "old\n");
        var mergeBase = repo.Commit("base");
        repo.Write("src/new.txt", "nothing secret\n").Write("src/more.txt", "still nothing\n");
        var adds = repo.Commit("adds");
        repo.Git("rm", "-q", "old.txt");
        var deletes = repo.Commit("deletes");
        var git = GitRepo.WithBackend(repo.Root, backend);

        Assert.Null(MergeGate.Refusal(git, mergeBase, adds, Config("refuse", "50MB"), Redactor));
        Assert.Null(MergeGate.Refusal(git, adds, deletes, Config("refuse", "50MB"), Redactor));
    }

    /// <summary>git diff ends a `+++ ` line with a tab when the name holds a space (for patch(1)); the finding
    /// names the file without it, a quoted name included, on both back-ends.</summary>
    [Theory, MemberData(nameof(Backends))]
    public void A_file_whose_name_holds_a_space_is_named_without_the_tab_git_diff_adds(string backend)
    {
        using var repo = new TempRepo();
        repo.Write("my app/old settings.py", "DEBUG = True\n");
        repo.Write("tab\tand space.py", "DEBUG = True\n");
        var mergeBase = repo.Commit("base");
        repo.Write("my app/old settings.py", "DEBUG = True\ntoken=" + FakeSecrets.ApiToken + "\n");
        repo.Write("tab\tand space.py", "DEBUG = True\ntoken=" + FakeSecrets.ApiToken + "\n");
        repo.Write("my app/new file.py", "token=" + FakeSecrets.ApiToken + "\n");
        var task = repo.Commit("the task");

        var refusal = RefusalOn(backend, repo, mergeBase, task)!;

        Assert.Equal(
            [
                "- my app/new file.py:1: adds a secret (rule: secret-assignment)",
                "- my app/old settings.py:2: adds a secret (rule: secret-assignment)",
                "- tab\tand space.py:2: adds a secret (rule: secret-assignment)",
            ],
            Named(refusal).Order(StringComparer.Ordinal));
    }

    /// <summary>A file name that is not UTF-8 (git allows any bytes but NUL and `/`) cannot be named back to
    /// `git diff` from its decoded form: a secret added to such a file is still found, beside an added file.</summary>
    [Theory, MemberData(nameof(Backends))]
    public void A_secret_in_a_changed_file_whose_name_is_not_utf8_is_found(string backend)
    {
        using var repo = new TempRepo();
        var old = repo.Repo.GitWithInput("old\n", "hash-object", "-w", "--stdin").Stdout.Trim();
        var changed = repo.Repo.GitWithInput("old\ntoken=" + FakeSecrets.ApiToken + "\n", "hash-object", "-w", "--stdin").Stdout.Trim();
        // The name's first byte is 0xFF, given to git as C-quoted octal (a .NET string cannot carry it raw).
        repo.Repo.GitWithInput($"100644 {old}\t\"\\377bad.txt\"\n", "update-index", "--index-info").EnsureOk();
        repo.Git("commit", "--quiet", "--no-verify", "-m", "base");
        var mergeBase = repo.Head;
        repo.Repo.GitWithInput($"100644 {changed}\t\"\\377bad.txt\"\n", "update-index", "--index-info").EnsureOk();
        repo.Git("commit", "--quiet", "--no-verify", "-m", "changes the file");
        repo.Write("added.txt", "nothing secret\n").Git("add", "added.txt");
        repo.Git("commit", "--quiet", "--no-verify", "-m", "adds a file");
        var task = repo.Head; // (not TempRepo.Commit: its `add --all` would drop the file the work tree lacks)

        var refusal = RefusalOn(backend, repo, mergeBase, task);

        Assert.NotNull(refusal);
        Assert.Contains("bad.txt:2: adds a secret (rule: secret-assignment)", refusal, StringComparison.Ordinal);
    }

    private static string? RefusalOn(string backend, TempRepo repo, string from, string to) =>
        MergeGate.Refusal(GitRepo.WithBackend(repo.Root, backend), from, to, Config("refuse", "50MB"), Redactor);

    /// <summary>The findings a refusal names, one per `- ` line (not the `- ... and N more` line).</summary>
    private static List<string> Named(string refusal) =>
        refusal.Split('\n').Where(l => l.StartsWith("- ", StringComparison.Ordinal) && !l.StartsWith("- ...", StringComparison.Ordinal)).ToList();

    private static OttoConfig Config(string secrets, string maxFileSize) =>
        ConfigLoader.Parse($"secrets: {secrets}\nlimits:\n  max_file_size: {maxFileSize}\n", "otto.yaml");
}
