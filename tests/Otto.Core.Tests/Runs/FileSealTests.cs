using System.Text.Json.Nodes;
using Otto.Events;
using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Runs;

/// <summary>
/// The run key's mark on run.json and state.json. state.json is a cache every otto process starts its fold
/// from: an agent that rewrites it (a task marked merged, the seq and offset left as they were) must not change
/// what otto believes, nor the final.json derived from it; run.json holds the config the run verifies with.
/// </summary>
public sealed class FileSealTests
{
    [Fact]
    public void A_state_json_otto_wrote_is_read_back_and_stays_plain_json()
    {
        using var run = SealedRunWithState();

        var text = File.ReadAllText(run.Paths.State);
        var loaded = StateCache.Load(run.Paths);

        Assert.StartsWith("{\"mac\":\"", text, StringComparison.Ordinal);
        Assert.Equal(run.Paths.RunId, (string?)JsonNode.Parse(text)!["run_id"]);
        Assert.NotNull(loaded);
        Assert.Equal(StateJsonWriter.Write(run.FoldFromDisk()), StateJsonWriter.Write(loaded));
    }

    [Fact]
    public void A_state_json_changed_by_anyone_else_is_ignored_and_the_log_folded_instead()
    {
        using var run = SealedRunWithState();
        var forged = JsonNode.Parse(File.ReadAllText(run.Paths.State))!;
        Assert.Equal(2, (int?)forged["plan_attempts"]);
        forged["plan_attempts"] = 7; // seq and offset untouched: without the mark, the fold would start from here
        File.WriteAllText(run.Paths.State, forged.ToJsonString());

        var read = new RunJournal(run.Paths).Read();

        Assert.Null(StateCache.Load(run.Paths));
        Assert.Equal(2, read.PlanAttempts);
        Assert.Equal(StateJsonWriter.Write(run.FoldFromDisk()), StateJsonWriter.Write(read));
    }

    [Theory]
    [InlineData("mark removed")]
    [InlineData("mark of another run")]
    [InlineData("an event line's mark")]
    public void A_state_json_without_this_runs_mark_over_its_content_is_not_read(string how)
    {
        using var run = SealedRunWithState();
        var text = File.ReadAllText(run.Paths.State);
        var unmarked = "{" + text[(text.IndexOf(',', StringComparison.Ordinal) + 1)..];
        var forged = how switch
        {
            "mark removed" => unmarked,
            "mark of another run" => OtherRunsMark(run, unmarked),
            _ => "{\"mac\":\"" + EventLineMark(run) + "\"," + unmarked[1..],
        };
        File.WriteAllText(run.Paths.State, forged);

        Assert.Null(StateCache.Load(run.Paths));
    }

    [Fact]
    public void A_run_from_before_seals_keeps_its_plain_cache()
    {
        using var run = new RunFolder();
        var journal = new RunJournal(run.Paths);
        journal.Append(new NewEvent(new RunStarted(EventStream.RunId, "x", "main", "b0", "otto/x", PlanOnly: false)));
        journal.SaveCache();

        Assert.StartsWith("{\"run_id\"", File.ReadAllText(run.Paths.State), StringComparison.Ordinal);
        Assert.NotNull(StateCache.Load(run.Paths));
    }

    [Fact]
    public void Run_json_is_read_only_with_the_mark_otto_wrote_it_with()
    {
        using var run = new RunFolder();
        EventSeal.CreateKey(run.Paths.Dir);
        WriteRunJson(run);
        var loaded = RunInfo.Load(run.Paths);
        File.WriteAllText(run.Paths.RunJson, File.ReadAllText(run.Paths.RunJson).Replace("\"main\"", "\"next\"", StringComparison.Ordinal));

        var refused = Assert.Throws<OttoException>(() => RunInfo.Load(run.Paths));

        Assert.Equal("main", loaded.BaseBranch);
        Assert.Equal(ExitCodes.RunFailed, refused.ExitCode);
        Assert.Contains($"{run.Paths.RunJson} was changed after otto wrote it", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_its_key_removed_a_sealed_run_believes_none_of_its_marked_files_or_lines()
    {
        using var run = SealedRunWithState();
        WriteRunJson(run);
        Assert.NotNull(StateCache.Load(run.Paths));
        Assert.Equal(2, new RunJournal(run.Paths).Read().PlanAttempts);

        // What an agent would do to have forged lines and files read unchecked: remove the key.
        File.Delete(Path.Combine(run.Paths.Dir, EventSeal.KeyFileName));
        var read = new RunJournal(run.Paths).Read();

        Assert.Null(StateCache.Load(run.Paths));
        Assert.Throws<OttoException>(() => RunInfo.Load(run.Paths));
        Assert.Equal(0, read.PlanAttempts); // not one of the log's marked lines is believed
        Assert.Equal(0, read.Seq);
        Assert.NotEmpty(read.UnreportedLogProblems);
    }

    [Theory]
    [InlineData("removed")]   // the files written plain, as a run from before seals has them
    [InlineData("replaced")]  // replacing run.key needs no knowledge of it, and a key of one's own marks anything
    public void With_its_key_removed_or_replaced_a_sealed_run_believes_no_file_written_anew(string key)
    {
        using var run = SealedRunWithState();
        WriteRunJson(run);
        var state = Unmarked(File.ReadAllText(run.Paths.State)).Replace("\"plan_attempts\":2", "\"plan_attempts\":7", StringComparison.Ordinal);
        var record = Unmarked(File.ReadAllText(run.Paths.RunJson)).Replace("\"main\"", "\"next\"", StringComparison.Ordinal);
        Assert.Contains("\"plan_attempts\":7", state, StringComparison.Ordinal);
        Assert.Contains("\"next\"", record, StringComparison.Ordinal);

        File.Delete(Path.Combine(run.Paths.Dir, EventSeal.KeyFileName));
        if (key == "replaced") EventSeal.CreateKey(run.Paths.Dir);
        File.WriteAllBytes(run.Paths.State, FileSeal.Seal(System.Text.Encoding.UTF8.GetBytes(state), run.Paths, FileSeal.StateName));
        File.WriteAllBytes(run.Paths.RunJson, FileSeal.Seal(System.Text.Encoding.UTF8.GetBytes(record), run.Paths, FileSeal.RunName));

        Assert.Equal(key == "replaced", File.ReadAllText(run.Paths.State).StartsWith("{\"mac\"", StringComparison.Ordinal));
        Assert.Null(StateCache.Load(run.Paths));
        Assert.NotEqual(7, new RunJournal(run.Paths).Read().PlanAttempts);
        Assert.Throws<OttoException>(() => RunInfo.Load(run.Paths));
    }

    /// <summary>A marked JSON file's text without its `mac` field, as a run from before seals wrote it.</summary>
    private static string Unmarked(string text) => "{" + text[(text.IndexOf(',', StringComparison.Ordinal) + 1)..];

    /// <summary>A run.json as RunCreator writes it, for branch `main`.</summary>
    private static void WriteRunJson(RunFolder run)
    {
        var info = new RunInfo
        {
            RunId = run.Paths.RunId, Intent = "x", CreatedAt = DateTimeOffset.UnixEpoch, BaseBranch = "main", BaseSha = "b0",
            IntegrationBranch = "otto/x", RepoRoot = "/r", WorktreeRoot = "/w", Config = new Otto.Config.OttoConfig(), OttoVersion = "1",
        };
        File.WriteAllBytes(run.Paths.RunJson, RunInfo.Sealed(info.ToJson(), run.Paths));
    }

    private static RunFolder SealedRunWithState()
    {
        var run = new RunFolder();
        EventSeal.CreateKey(run.Paths.Dir);
        var journal = new RunJournal(run.Paths);
        journal.Append(new NewEvent(new RunStarted(EventStream.RunId, "x", "main", "b0", "otto/x", PlanOnly: false)));
        journal.Append(new NewEvent(new StageStarted(Stage.Classify, 1)));
        journal.Append(new NewEvent(new StageFinished(Stage.Classify, 1, Ok: true)));
        journal.Append(new NewEvent(new StageStarted(Stage.Plan, 2)));
        journal.SaveCache();
        return run;
    }

    /// <summary>The same content marked with another run's key.</summary>
    private static string OtherRunsMark(RunFolder run, string unmarked)
    {
        using var other = new RunFolder("20261128-000000-beef");
        EventSeal.CreateKey(other.Paths.Dir);
        var json = System.Text.Encoding.UTF8.GetBytes(unmarked);
        return System.Text.Encoding.UTF8.GetString(FileSeal.Seal(json, other.Paths, FileSeal.StateName));
    }

    /// <summary>A valid mark of this run, but of a log line: only a mark made for state.json counts there.</summary>
    private static string EventLineMark(RunFolder run)
    {
        var line = File.ReadAllLines(run.Paths.Events)[0];
        return line[(line.LastIndexOf("\"mac\":\"", StringComparison.Ordinal) + 7)..^2];
    }
}
