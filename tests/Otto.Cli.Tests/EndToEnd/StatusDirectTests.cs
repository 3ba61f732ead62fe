using System.Text.Json.Nodes;
using Otto.Cli;
using Otto.Cli.Commands;
using Otto.Tests.Parallel;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// `otto status [--json] [RUN]` of a run still going is answered from its status-view before the command tree is
/// built. It must say exactly what the whole way says, and take only the forms it understands.
/// </summary>
public sealed class StatusDirectTests
{
    [Theory]
    [InlineData("status", null, false, null)]
    [InlineData("status --json", null, true, null)]
    [InlineData("status 20261129-021313-9cfe --json", null, true, "20261129-021313-9cfe")]
    [InlineData("-C /some/repo status --json 20261129-021313-9cfe", "/some/repo", true, "20261129-021313-9cfe")]
    [InlineData("status --dir /some/repo", "/some/repo", false, null)]
    public void The_forms_it_answers(string line, string? dir, bool json, string? runId) =>
        Assert.Equal((dir, json, runId), StatusCommand.DirectArguments(line.Split(' ')));

    [Theory]
    [InlineData("status --watch")]
    [InlineData("status --json --verbose")]
    [InlineData("status --help")]
    [InlineData("status not-a-run-id")]
    [InlineData("status 20261129-021313-9cfe 20261129-021313-9cfe")]
    [InlineData("--json status")]
    [InlineData("status --json --json")]
    [InlineData("status -C")]
    [InlineData("-C a -C b status")]
    [InlineData("runs")]
    [InlineData("status=x")]
    [InlineData("status -C -- 20261129-021313-9cfe")]
    [InlineData("-C @x status")]
    public void Anything_else_goes_the_whole_way(string line) =>
        Assert.Null(StatusCommand.DirectArguments(line.Split(' ')));

    [Fact]
    public async Task A_planned_run_s_status_before_the_command_tree_is_the_status_the_whole_way_gives()
    {
        using var run = new ParallelRepo([new TaskSpec("a", Sleep: 0), new TaskSpec("b", Sleep: 0, DependsOn: ["a"])], concurrency: 1);
        var planned = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "build", "--plan-only", "plan it");
        Assert.True(planned.ExitCode == 0, planned.ToString());
        Assert.True(File.Exists(Path.Combine(run.RunDir, "status-view")));

        var (directJson, directJsonCode) = Direct("-C", run.Repo.Root, "status", "--json", run.RunId);
        var (directText, directTextCode) = Direct("-C", run.Repo.Root, "status");
        // --verbose is not a form the direct answer takes: these go through the command tree.
        var wholeJson = await Whole("-C", run.Repo.Root, "status", "--json", run.RunId, "--verbose");
        var wholeText = await Whole("-C", run.Repo.Root, "status", "--verbose");

        Assert.Equal((0, 0), (directJsonCode, directTextCode));
        Assert.Equal("planned", (string?)JsonNode.Parse(directJson)!["status"]);
        Assert.Equal(WithoutClock(JsonNode.Parse(wholeJson)!), WithoutClock(JsonNode.Parse(directJson)!));
        Assert.Equal(WithoutTimeLine(wholeText), WithoutTimeLine(directText));
    }

    [Fact]
    public async Task A_finished_run_is_not_answered_before_the_command_tree()
    {
        using var run = new ParallelRepo([new TaskSpec("a", Sleep: 0)], concurrency: 1);
        var built = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "build", "do it");
        Assert.True(built.ExitCode == 0, built.ToString());

        var io = new CliIO(new StringWriter(), new StringWriter(), false);

        Assert.Null(StatusCommand.TryShowDirect(["-C", run.Repo.Root, "status", "--json"], io));
        Assert.Equal("succeeded", (string?)JsonNode.Parse(await Whole("-C", run.Repo.Root, "status", "--json"))!["status"]);
    }

    private static (string Output, int? Code) Direct(params string[] args)
    {
        var stdout = new StringWriter();
        var io = new CliIO(stdout, new StringWriter(), false);
        var code = StatusCommand.TryShowDirect(args, io);
        io.Out.Flush();
        return (stdout.ToString(), code);
    }

    private static async Task<string> Whole(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliIO(stdout, stderr, false));
        Assert.True(code == 0, $"exit {code}: {stderr}");
        return stdout.ToString();
    }

    private static string WithoutClock(JsonNode status)
    {
        status.AsObject().Remove("duration_s");
        return status.ToJsonString();
    }

    private static string WithoutTimeLine(string text) =>
        string.Join('\n', text.Split('\n').Where(l => !l.StartsWith("time:", StringComparison.Ordinal)));
}
