using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Runs;

public sealed class AtomicFileTests
{
    [Fact]
    public void Write_replaces_the_whole_file_and_leaves_no_temp_files()
    {
        using var temp = new TempDir();
        var path = temp.Write("state.json", "old and much longer content");

        AtomicFile.Write(path, "new");

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["state.json"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteOnce_writes_only_the_first_time()
    {
        using var temp = new TempDir();
        var path = temp.File("final.json");

        Assert.True(AtomicFile.WriteOnce(path, "first"));
        Assert.False(AtomicFile.WriteOnce(path, "second"));

        Assert.Equal("first", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(temp.Path));
    }
}
