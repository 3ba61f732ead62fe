using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// Issue 8, item 9: a file over limits.max_file_size (50 MB by default; 1 MB here, so the test writes
/// little beside the other tests) and a symlink to /etc/passwd are refused at merge, with the rule named
/// (cause contract), and the integration branch never gets them.
/// </summary>
public sealed class MergeGateTests
{
    private const string Attempt = """
        files: { "lib/work.sh": "echo work\n" }
        run: ["head -c 1048577 /dev/zero > lib/big.bin", "ln -s /etc/passwd lib/passwd"]
        status: { outcome: success, summary: added the data }
        """;

    [Fact]
    public async Task A_file_over_the_size_limit_and_a_symlink_to_etc_passwd_are_refused_with_their_rules()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Attempt), new Dictionary<string, string> { ["max_attempts"] = "1", ["max_file_size"] = "1MB" });

        var result = await project.BuildAsync();

        Assert.True(result.ExitCode == 1, result.ToString());
        var run = project.SingleRun();
        Assert.Empty(run.EventsOf("task_merged"));
        var cause = run.Cause;
        Assert.Equal("contract", (string?)cause["kind"]);
        Assert.Equal("work", (string?)cause["task"]);
        var reason = (string?)run.Final["reason"];
        Assert.Contains("- lib/big.bin: 1MB (1048577 bytes), over the limit of 1MB (rule: limits.max_file_size)", reason, StringComparison.Ordinal);
        Assert.Contains("- lib/passwd: a symlink to /etc/passwd, outside the repository (rule: symlink-outside-repository)", reason, StringComparison.Ordinal);
        Assert.Null(project.Repo.Show(run.IntegrationBranch, "lib/passwd"));
        Assert.Contains("limits.max_file_size", result.Stderr, StringComparison.Ordinal);
    }
}
