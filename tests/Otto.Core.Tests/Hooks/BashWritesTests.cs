using Otto.Hooks;

namespace Otto.Tests.Hooks;

public sealed class BashWritesTests
{
    private const string Cwd = "/work/tree";

    private static IReadOnlyList<string> Targets(string command) => BashWrites.Targets(command, Cwd);

    [Theory]
    [InlineData("echo hi > src/core/api.py", "/work/tree/src/core/api.py")]
    [InlineData("echo hi >> notes.txt", "/work/tree/notes.txt")]
    [InlineData("printf x >| a.txt", "/work/tree/a.txt")]
    [InlineData("make &> build.log", "/work/tree/build.log")]
    [InlineData("cmd 2> err.txt", "/work/tree/err.txt")]
    [InlineData("echo x>joined.txt", "/work/tree/joined.txt")]
    [InlineData("echo 'a > b' > \"quoted name.txt\"", "/work/tree/quoted name.txt")]
    public void Redirections_write_their_target(string command, string target) =>
        Assert.Equal([target], Targets(command));

    [Theory]
    [InlineData("cmd 2>&1")]
    [InlineData("cmd > /dev/null 2>&1")]
    [InlineData("cat < input.txt")]
    [InlineData("echo \"$HOME\" > $OUT")]
    [InlineData("ls src/*.py")]
    [InlineData("grep -r foo src | head -5")]
    [InlineData("git status && git diff")]
    public void Reads_descriptor_copies_and_unknown_words_are_not_writes(string command) =>
        Assert.Empty(Targets(command));

    [Theory]
    [InlineData("rm -rf src/core", new[] { "/work/tree/src/core" })]
    [InlineData("rm -- -odd-name", new[] { "/work/tree/-odd-name" })]
    [InlineData("touch a b", new[] { "/work/tree/a", "/work/tree/b" })]
    [InlineData("tee -a log1 log2 < in", new[] { "/work/tree/log1", "/work/tree/log2" })]
    [InlineData("sed -i 's/a/b/' src/x.py", new[] { "/work/tree/src/x.py" })]
    [InlineData("sed -i.bak -e 's/a/b/' -e 's/c/d/' one two", new[] { "/work/tree/one", "/work/tree/two" })]
    [InlineData("sed 's/a/b/' src/x.py", new string[0])]
    [InlineData("perl -pi -e 's/a/b/' lib.pl", new[] { "/work/tree/lib.pl" })]
    [InlineData("chmod +x scripts/run.sh", new[] { "/work/tree/scripts/run.sh" })]
    [InlineData("chmod -R 755 bin", new[] { "/work/tree/bin" })]
    [InlineData("dd if=/dev/zero of=blob bs=1 count=1", new[] { "/work/tree/blob" })]
    [InlineData("git rm -q old.py && git mv a.py b.py", new[] { "/work/tree/old.py", "/work/tree/a.py", "/work/tree/b.py" })]
    [InlineData("truncate -s 0 big.log", new[] { "/work/tree/big.log" })]
    public void Commands_that_write_name_their_files(string command, string[] targets) =>
        Assert.Equal(targets, Targets(command));

    [Fact]
    public void Mv_writes_its_destination_and_removes_its_sources()
    {
        Assert.Equal(["/work/tree/new.py", "/work/tree/old.py"], Targets("mv old.py new.py"));
        Assert.Equal(["/work/tree/dest/a", "/work/tree/dest/b", "/work/tree/a", "/work/tree/b"], Targets("mv -t dest a b"));
    }

    [Fact]
    public void Cp_into_an_existing_folder_writes_the_file_inside_it()
    {
        using var dir = new TempFolder();
        Directory.CreateDirectory(Path.Combine(dir.Path, "src"));

        Assert.Equal([Path.Combine(dir.Path, "src", "x.py")], BashWrites.Targets("cp /tmp/x.py src", dir.Path));
        Assert.Equal([Path.Combine(dir.Path, "y.py")], BashWrites.Targets("cp /tmp/x.py y.py", dir.Path));
    }

    [Fact]
    public void Ln_names_the_link_it_makes() =>
        Assert.Equal(["/work/tree/link"], Targets("ln -s /etc/passwd link"));

    [Fact]
    public void Cd_moves_later_commands_and_wrappers_and_assignments_are_seen_through()
    {
        Assert.Equal(["/work/tree/src/core/api.py"], Targets("cd src/core && echo x > api.py"));
        Assert.Equal(["/work/tree/a.txt"], Targets("LANG=C sudo -E env X=1 rm -f a.txt"));
        Assert.Equal(["/work/tree/slow"], Targets("timeout 10 touch slow"));
    }

    [Fact]
    public void Shell_c_strings_are_read_as_commands() =>
        Assert.Equal(["/work/tree/inner.txt"], Targets("bash -c 'echo x > inner.txt'"));

    [Fact]
    public void Here_document_bodies_are_not_commands()
    {
        var command = "cat > out.txt <<'EOF'\necho not > really.txt\nrm -rf /\nEOF\necho after > after.txt";

        Assert.Equal(["/work/tree/out.txt", "/work/tree/after.txt"], Targets(command));
    }

    [Fact]
    public void Comments_and_command_substitution_do_not_hide_or_invent_writes()
    {
        Assert.Empty(Targets("echo ok # > not-a-file"));
        Assert.Equal(["/work/tree/x"], Targets("echo $(cat a > b) > x"));
    }

    [Fact]
    public void Absolute_and_parent_paths_are_resolved()
    {
        Assert.Equal(["/etc/hosts", "/work/other"], Targets("echo > /etc/hosts; touch ../other"));
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("otto-bash-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
