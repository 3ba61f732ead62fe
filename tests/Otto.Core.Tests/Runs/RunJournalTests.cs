using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Runs;

public sealed class RunJournalTests
{
    private static NewEvent StageStart(Stage stage, int attempt) => new(new StageStarted(stage, attempt));

    private static NewEvent[] Started() => [new(new RunStarted(EventStream.RunId, "x", "main", "b0", "otto/x", PlanOnly: false))];

    [Fact]
    public void The_writers_state_is_the_state_a_reader_folds_from_the_log()
    {
        using var run = new RunFolder();
        var journal = new RunJournal(run.Paths);
        journal.Append(Started());
        journal.Append(StageStart(Stage.Classify, 1));
        journal.Append(new NewEvent(new StageFinished(Stage.Classify, 1, Ok: true)));

        var (state, appended) = journal.Commit(_ => [StageStart(Stage.Plan, 2)]);

        Assert.Equal(4, Assert.Single(appended).Seq);
        Assert.Equal(new StageProgress(Stage.Plan, 2), state.ActiveStage);
        Assert.Equal(2, state.PlanAttempts);
        Assert.Equal(StateJsonWriter.Write(run.FoldFromDisk()), StateJsonWriter.Write(state));
    }

    [Fact]
    public void The_writers_task_state_matches_the_log_for_numbers_written_in_memory()
    {
        using var run = new RunFolder();
        var journal = new RunJournal(run.Paths);
        var plan = new EventStream().Started().Plan("api").Events[^1];
        journal.Append(Started());
        journal.Append(new NewEvent(plan.Body));
        journal.Append(new NewEvent(new TaskClaimed(EventStream.Owner("t1", pid: 31337), AttemptKind.Execute, false), "api", 1));

        var state = journal.Commit(_ => [new NewEvent(new AttemptStarted(4321, 99L, null), "api", 1)]).State;

        Assert.Equal(4321, state.Task("api")!.Agent!.Pid);
        Assert.Equal(31337, state.Task("api")!.Claim!.Owner.Pid);
        Assert.Equal(StateJsonWriter.Write(run.FoldFromDisk()), StateJsonWriter.Write(state));
    }

    [Fact]
    public void Decide_sees_what_other_writers_appended_before_it_decides()
    {
        using var run = new RunFolder();
        var mine = new RunJournal(run.Paths);
        var theirs = new RunJournal(run.Paths);
        mine.Append(Started());
        mine.Read();
        theirs.Append(StageStart(Stage.Classify, 1));

        RunState? seen = null;
        var (_, appended) = mine.Commit(state =>
        {
            seen = state;
            return state.ActiveStage is null ? [StageStart(Stage.Classify, 1)] : [];
        });

        Assert.Equal(2, seen!.Seq);
        Assert.Equal(Stage.Classify, seen.ActiveStage!.Stage);
        Assert.Empty(appended);
        Assert.Equal(2, run.FoldFromDisk().Seq);
    }

    [Fact]
    public void An_empty_decision_appends_nothing()
    {
        using var run = new RunFolder();
        var journal = new RunJournal(run.Paths);
        journal.Append(Started());
        var before = run.EventsText;

        var (state, appended) = journal.Commit(_ => []);

        Assert.Empty(appended);
        Assert.Equal(before, run.EventsText);
        Assert.Equal(1, state.Seq);
    }

    [Fact]
    public void The_state_cache_agrees_with_a_fold_from_scratch()
    {
        using var run = new RunFolder();
        var journal = new RunJournal(run.Paths);
        var events = new EventStream().Started().Plan("core", "api:core").Succeeds("core", cost: 0.5m)
            .FailsWith("api", 1, "AssertionError at /tmp/x/test.py:3", cost: 0.25m).Claim("api", 2, "api-2").Events;
        foreach (var e in events) journal.Append(new NewEvent(e.Body, e.Task, e.Attempt));

        journal.SaveCache();
        var cached = StateCache.Load(run.Paths);

        Assert.NotNull(cached);
        Assert.Equal(events.Count, cached.Seq);
        Assert.Equal(0.75m, cached.CostUsd);
        Assert.Equal(StateJsonWriter.Write(run.FoldFromDisk()), StateJsonWriter.Write(cached));
    }

    [Fact]
    public void A_reader_starting_from_a_cache_that_is_behind_catches_up()
    {
        using var run = new RunFolder();
        var writer = new RunJournal(run.Paths);
        writer.Append(Started());
        writer.Append(StageStart(Stage.Classify, 1));
        writer.SaveCache();
        var behind = File.ReadAllText(run.Paths.State);
        writer.Append(new NewEvent(new StageFinished(Stage.Classify, 1, Ok: true)));
        writer.Append(StageStart(Stage.Plan, 1));
        File.WriteAllText(run.Paths.State, behind);

        var state = new RunJournal(run.Paths).Read();

        Assert.Equal(4, state.Seq);
        Assert.Equal(StateJsonWriter.Write(run.FoldFromDisk()), StateJsonWriter.Write(state));
    }

    [Fact]
    public void A_cache_that_does_not_line_up_with_the_log_is_thrown_away()
    {
        using var run = new RunFolder();
        var writer = new RunJournal(run.Paths);
        writer.Append(Started());
        writer.Append(StageStart(Stage.Classify, 1));
        writer.Append(StageStart(Stage.Classify, 2));
        var stale = StateJsonWriter.Write(writer.Read());
        File.Delete(run.Paths.Events); // the log was replaced by a shorter, different one
        File.Delete(run.Paths.State);
        new RunJournal(new RunPaths(run.Paths.Dir)) { Clock = () => EventStream.Start }.Append(Started());
        File.WriteAllText(run.Paths.State, stale);

        var state = new RunJournal(run.Paths).Read();

        Assert.Equal(1, state.Seq);
        Assert.Null(state.ActiveStage);
        Assert.Equal(StateJsonWriter.Write(run.FoldFromDisk()), StateJsonWriter.Write(state));
        var lost = Assert.Single(state.UnreportedLogProblems); // and the next commit records that events were lost
        Assert.True(lost.Stops);
        Assert.Contains("events were lost", lost.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_torn_last_line_is_invisible_to_readers_and_cut_by_the_next_commit()
    {
        using var run = new RunFolder();
        var journal = new RunJournal(run.Paths);
        journal.Append(Started());
        journal.Append(StageStart(Stage.Classify, 1));
        File.AppendAllText(run.Paths.Events, "{\"seq\":3,\"ts\":\"2025-01-01T00:00:00.000Z\",\"type\":\"stage_fin"); // a crash mid-write

        var read = new RunJournal(run.Paths).Read();
        var (state, appended) = new RunJournal(run.Paths).Commit(_ => [StageStart(Stage.Classify, 2)]);

        Assert.Equal(2, read.Seq);
        Assert.Equal(3, Assert.Single(appended).Seq);
        Assert.Equal(2, state.ActiveStage!.Attempt);
        Assert.DoesNotContain("stage_fin\"", run.EventsText, StringComparison.Ordinal);
        Assert.DoesNotContain("\"stage_fin{", run.EventsText, StringComparison.Ordinal);
        Assert.Equal(3, run.EventsText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(StateJsonWriter.Write(run.FoldFromDisk()), StateJsonWriter.Write(journal.Read()));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"run_id\": \"19990101-000000-0000\", \"seq\": 5}")]
    public void A_corrupt_or_foreign_cache_is_ignored(string content)
    {
        using var run = new RunFolder();
        new RunJournal(run.Paths).Append(Started());
        File.WriteAllText(run.Paths.State, content);

        Assert.Null(StateCache.Load(run.Paths));
        var state = new RunJournal(run.Paths).Read();
        Assert.Equal(StateJsonWriter.Write(run.FoldFromDisk()), StateJsonWriter.Write(state));
    }
}
