using System.Text;
using Otto.Config;
using Otto.Git;
using Otto.MergeGates;
using Otto.Secrets;

namespace Otto.Tests.MergeGates;

/// <summary>
/// The secret scan reads a file the task adds from the object database with libgit2 and through `git diff`
/// with the CLI back-end (and for the files it changes on both): every kind of content and name must give
/// the same findings on the same lines either way, and the ones planted.
/// </summary>
public sealed class MergeGateParityTests
{
    private static readonly Redactor Redactor = new([]);
    private static readonly string Token = "token=" + FakeSecrets.ApiToken;

    [Fact]
    public void Odd_contents_of_added_files_give_the_same_findings_on_both_back_ends()
    {
        using var repo = new TempRepo();
        var mergeBase = repo.Head;
        Bytes(repo, "bom.txt", [0xEF, 0xBB, 0xBF, .. Utf8(Token + "\n")]);
        Bytes(repo, "invalid.txt", [0xC3, .. Utf8(Token + "\n"), 0xFF, 0xFE, .. Utf8("\n" + Token)]);
        Bytes(repo, "nul.bin", [0, 0, 1, 2, .. Utf8(Token + "\r\n"), 0, .. Utf8(Token)]);
        Bytes(repo, "mixed.txt", Utf8("x\ry\r\n\r\n\n" + Token + "\r\r\nz\r" + Token + "\n"));
        repo.Write("run.sh", "#!/bin/sh\n" + Token + "\n").Git("add", "run.sh");
        repo.Git("update-index", "--chmod=+x", "run.sh");
        File.CreateSymbolicLink(repo.Path("link"), Token);
        // Longer than a run: a key across the first runs' boundary (found where the diff's pieces find it), and
        // a secret far into the third run.
        var lines = Enumerable.Range(1, 2 * AddedLines.MaxRunLines + 500).Select(i => "line " + i).ToList();
        var key = FakeSecrets.PrivateKey.Split('\n');
        for (var i = 0; i < key.Length; i++) lines[AddedLines.MaxRunLines - 3 + i] = key[i];
        lines[2 * AddedLines.MaxRunLines + 320] = Token;
        repo.Write("long.txt", string.Join('\n', lines) + "\n");
        var task = repo.Commit("the task");

        Assert.Equal(
            [
                "bom.txt:1", "invalid.txt:1", "invalid.txt:3", "link:1", $"long.txt:{AddedLines.MaxRunLines - 2}",
                $"long.txt:{2 * AddedLines.MaxRunLines + 321}", "mixed.txt:4", "mixed.txt:5", "nul.bin:1", "nul.bin:2", "run.sh:2",
            ],
            Places(repo, mergeBase, task));
    }

    [Fact]
    public void Names_git_quotes_or_reads_as_pathspec_magic_give_the_same_findings_on_both_back_ends()
    {
        string[] names = [":x", "-x", "*?", "[x]", ":(glob)x", ":!x", "\"q\" \\", "é", "tab\tname", "a b/c d"]; // 20 findings: all listed
        using var repo = new TempRepo();
        foreach (var name in names) repo.Write(name, "old\n");
        var mergeBase = repo.Commit("base");
        foreach (var name in names) repo.Write(name, "old\n" + Token + "\n").Write("added/" + name, Token + "\n");
        var task = repo.Commit("the task");

        Assert.Equal(names.Select(n => n + ":2").Concat(names.Select(n => "added/" + n + ":1")).Order(StringComparer.Ordinal),
            Places(repo, mergeBase, task));
    }

    [Fact]
    public void Attributes_change_nothing_read_on_either_back_end()
    {
        using var repo = new TempRepo();
        repo.Write(".gitattributes", "*.nd -diff\n*.bin binary\n*.crlf text eol=crlf\n*.up filter=up\n*.tc diff=tc\n");
        repo.Git("config", "filter.up.clean", "tr a-z A-Z");
        repo.Git("config", "filter.up.smudge", "tr A-Z a-z");
        repo.Git("config", "diff.tc.textconv", "sed s/token/nothing/");
        string[] kinds = ["nd", "bin", "crlf", "up", "tc"];
        foreach (var kind in kinds) repo.Write("m." + kind, "old\n");
        var mergeBase = repo.Commit("base");
        foreach (var kind in kinds) repo.Write("a." + kind, "x\n" + Token + "\n").Write("m." + kind, "old\n" + Token + "\n");
        var task = repo.Commit("the task");

        // (the `up` filter stores TOKEN=..., a secret assignment still)
        Assert.Equal(kinds.SelectMany(k => new[] { $"a.{k}:2", $"m.{k}:2" }).Order(StringComparer.Ordinal), Places(repo, mergeBase, task));
    }

    [Fact]
    public void More_changed_files_than_are_named_to_git_beside_added_and_oversized_ones_give_the_same_findings()
    {
        using var repo = new TempRepo();
        var count = MergeGate.MaxNamedPaths + 5;
        for (var i = 0; i < count; i++) repo.Write($"m/{i}.txt", "old\n");
        var mergeBase = repo.Commit("base");
        for (var i = 1; i < count; i++) repo.Write($"m/{i}.txt", "old\n" + (i % 50 == 0 ? Token : "new") + "\n");
        repo.Write("a/new.txt", Token + "\n").Write("a/big.txt", Token + "\n" + new string('x', 3000) + "\n");
        repo.Write("m/0.txt", "old\n" + Token + "\n" + new string('x', 3000) + "\n");
        var task = repo.Commit("the task");

        Assert.Equal(["a/big.txt", "a/new.txt:1", "m/0.txt", "m/100.txt:2", "m/150.txt:2", "m/200.txt:2", "m/50.txt:2"],
            Places(repo, mergeBase, task, maxFileSize: "2KB"));
    }

    [Fact]
    public void Type_changes_give_the_same_findings_on_both_back_ends()
    {
        using var repo = new TempRepo();
        repo.Write("file-to-link", Token + "\n").Write("dir-to-file/x", "x\n").Write("file-to-dir", "x\n");
        File.CreateSymbolicLink(repo.Path("link-to-file"), "target");
        var mergeBase = repo.Commit("base");
        File.Delete(repo.Path("file-to-link"));
        File.CreateSymbolicLink(repo.Path("file-to-link"), "elsewhere");
        File.Delete(repo.Path("link-to-file"));
        Directory.Delete(repo.Path("dir-to-file"), recursive: true);
        File.Delete(repo.Path("file-to-dir"));
        repo.Write("link-to-file", Token + "\n").Write("dir-to-file", Token + "\n").Write("file-to-dir/y", Token + "\n");
        var task = repo.Commit("the task");

        Assert.Equal(["dir-to-file:1", "file-to-dir/y:1", "link-to-file:1"], Places(repo, mergeBase, task));
    }

    [Fact]
    public void Secrets_in_UTF_16_files_added_or_changed_are_found_on_both_back_ends()
    {
        // What Windows tools write (a .reg export, a script saved as "Unicode"): each ASCII letter beside a NUL.
        using var repo = new TempRepo();
        Bytes(repo, "changed-le.ps1", Utf16(Encoding.Unicode, "old\n"));
        var mergeBase = repo.Commit("base");
        Bytes(repo, "changed-le.ps1", Utf16(Encoding.Unicode, "old\n" + Token + "\n"));
        Bytes(repo, "added-le.reg", Utf16(Encoding.Unicode, "Windows Registry Editor\r\n\r\n" + Token + "\r\n"));
        Bytes(repo, "added-be.txt", Utf16(Encoding.BigEndianUnicode, "first\n" + Token + "\n"));
        Bytes(repo, "plain-le.txt", Utf16(Encoding.Unicode, "nothing secret here\n"));
        var task = repo.Commit("the task");

        Assert.Equal(["added-be.txt:2", "added-le.reg:3", "changed-le.ps1:2"], Places(repo, mergeBase, task));
    }

    [Fact]
    public void A_secret_in_a_UTF_16_file_written_mostly_in_a_non_Latin_script_is_found_on_both_back_ends()
    {
        // A CJK letter is two bytes without a NUL: a file mostly in Japanese is far less than a third NULs as a
        // whole, though its line with the key is half NULs.
        using var repo = new TempRepo();
        repo.Write("README", "x\n");
        var mergeBase = repo.Commit("base");
        const string Comment = "# この設定ファイルは本番サーバーへの接続に使われますので変更しないでください\r\n";
        Bytes(repo, "settings-ja.ps1", Utf16(Encoding.Unicode, Comment + Comment + Comment + Token + "\r\n"));
        var task = repo.Commit("the task");

        Assert.Equal(["settings-ja.ps1:4"], Places(repo, mergeBase, task));
    }

    /// <summary>The findings' places (PATH:LINE, or PATH for a size refusal), the same on both back-ends.</summary>
    private static List<string> Places(TempRepo repo, string from, string to, string maxFileSize = "50MB")
    {
        var config = ConfigLoader.Parse($"secrets: refuse\nlimits:\n  max_file_size: {maxFileSize}\n", "otto.yaml");
        List<string> Of(string backend)
        {
            var refusal = MergeGate.Refusal(GitRepo.WithBackend(repo.Root, backend), from, to, config, Redactor) ?? "";
            Assert.DoesNotContain("more", refusal.Split('\n').Last(l => l.StartsWith("- ", StringComparison.Ordinal)), StringComparison.Ordinal);
            return [.. refusal.Split("\n- ").Skip(1).Select(l => l[..l.IndexOf(l.Contains(": adds") ? ": adds" : ": ", StringComparison.Ordinal)]).Order(StringComparer.Ordinal)];
        }
        var cli = Of("cli");
        Assert.Equal(cli, Of("libgit2"));
        return cli;
    }

    private static void Bytes(TempRepo repo, string relative, byte[] content) => File.WriteAllBytes(repo.Path(relative), content);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>The text in a UTF-16 encoding, after its byte order mark.</summary>
    private static byte[] Utf16(Encoding encoding, string text) => [.. encoding.GetPreamble(), .. encoding.GetBytes(text)];
}
