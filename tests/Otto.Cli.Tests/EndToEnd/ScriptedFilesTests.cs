using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>The scripted agent writes a step's files with shell builtins where it can: folders that exist or
/// not, nested, names with spaces and quotes, a file at the top of a folder it owns.</summary>
public sealed class ScriptedFilesTests
{
    [Fact]
    public async Task A_step_s_files_land_where_it_names_them_whatever_their_folders_and_names()
    {
        const string files = """files: { "lib/top.txt": "top\n", "lib/a b/it's/deep.txt": "deep\n", "lib/x/y/z/w.txt": "w\n", "tests/test_work.sh": "true\n" }""";
        using var project = OttoProject.Create(Scenarios.OneTask("work", files));

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 0, result.ToString());
        var branch = project.SingleRun().IntegrationBranch;
        Assert.Equal("top\n", project.Repo.Show(branch, "lib/top.txt"));
        Assert.Equal("deep\n", project.Repo.Show(branch, "lib/a b/it's/deep.txt"));
        Assert.Equal("w\n", project.Repo.Show(branch, "lib/x/y/z/w.txt"));
    }
}
