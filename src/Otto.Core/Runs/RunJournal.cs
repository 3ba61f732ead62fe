using Otto.Platform;

namespace Otto.Runs;

/// <summary>
/// A run's event log plus the state folded from it. <see cref="Commit"/> is the only way to write: under
/// the run lock it folds whatever other processes appended, lets the caller decide on that fresh state
/// (e.g. "is this task still unclaimed?"), appends and fsyncs. Readers need no lock. Lines otto did not
/// write are never folded; the first commit after one appears records an integrity warning for it.
/// </summary>
public sealed class RunJournal
{
    private static readonly TimeSpan StateCacheInterval = TimeSpan.FromMilliseconds(500);
    private readonly Lock _gate = new();
    private readonly EventLog _log;
    private RunState _state;
    private DateTime _stateWrittenAt = DateTime.MinValue;

    public RunJournal(RunPaths paths)
    {
        Paths = paths;
        _log = new EventLog(paths.Events);
        _state = StateCache.Load(paths) ?? new RunState { RunId = paths.RunId };
    }

    public RunPaths Paths { get; }

    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    /// <summary>The state as of everything complete in the log now.</summary>
    public RunState Read()
    {
        lock (_gate)
        {
            _state = Advance(_state);
            return _state;
        }
    }

    public IReadOnlyList<RunEvent> Append(params NewEvent[] events) => Commit(_ => events).Appended;

    /// <summary>Under the run lock: fold, decide, append. An empty decision appends nothing.</summary>
    public (RunState State, IReadOnlyList<RunEvent> Appended) Commit(Func<RunState, IReadOnlyList<NewEvent>> decide)
    {
        lock (_gate)
        {
            using var runLock = FileLock.Acquire(Paths.Lock);
            var state = Advance(_state);
            var drafts = decide(state);
            var warnings = state.UnreportedLogProblems.Select(p => new NewEvent(new IntegrityWarning("event_log", p.Describe(), p.Offset, p.Stops)));
            var (appended, length) = _log.AppendLocked([.. warnings, .. drafts], Clock(), out var start);
            var folded = StateFold.Fold(state, appended);
            _state = folded with { Offset = length, UnreportedLogProblems = [.. folded.UnreportedLogProblems, .. LinesWrittenMeanwhile(state, start)] };
            SaveCacheIfDue(force: false);
            return (_state, appended);
        }
    }

    /// <summary>Writes state.json now (it is otherwise refreshed at most twice a second).</summary>
    public void SaveCache()
    {
        lock (_gate) SaveCacheIfDue(force: true);
    }

    private void SaveCacheIfDue(bool force)
    {
        // A cache past a foreign line nobody reported would hide it from the next process.
        if (_state.UnreportedLogProblems.Count > 0) return;
        if (!force && DateTime.UtcNow - _stateWrittenAt < StateCacheInterval) return;
        StateCache.Save(Paths, _state);
        _stateWrittenAt = DateTime.UtcNow;
    }

    /// <summary>
    /// Lines someone else appended between this process's read and its append (an agent writing into the
    /// log): they sit before otto's new lines and would otherwise be stepped over unreported.
    /// </summary>
    private IReadOnlyList<LogProblem> LinesWrittenMeanwhile(RunState state, long start)
    {
        if (start == state.Offset) return [];
        if (start < state.Offset)
            return [new LogProblem(start, null, null, $"the log was cut from {state.Offset} to {start} bytes while otto wrote: events were lost", Stops: true)];
        var problems = _log.ReadFrom(state.Offset, state.Seq).Problems.Where(p => p.Offset < start).ToList();
        return problems.Count > 0 ? problems
            : [new LogProblem(state.Offset, null, null, $"{start - state.Offset} bytes appended by someone else while otto wrote; ignored")];
    }

    private RunState Advance(RunState state)
    {
        // Folds as it reads (no list of events): the first event must continue the state's sequence.
        var folded = state;
        var last = state.Seq;
        var misaligned = false;
        var scan = _log.Scan(state.Offset, state.Seq, e =>
        {
            if (last == state.Seq && e.Seq != state.Seq + 1) return !(misaligned = true);
            folded = StateFold.ApplyBody(folded, e);
            last = e.Seq;
            return true;
        });
        IReadOnlyList<LogProblem> problems = scan.Problems;
        if (misaligned || scan.Restarted || scan.Offset < state.Offset)
        {
            // The cache does not line up with the log (replaced or hand-edited): fold from the start.
            folded = new RunState { RunId = Paths.RunId };
            last = 0;
            scan = _log.Scan(0, 0, e =>
            {
                folded = StateFold.ApplyBody(folded, e);
                last = e.Seq;
                return true;
            });
            problems = scan.Problems;
            if (state.Seq > last && state.CreatedAt != default)
                problems = [new LogProblem(0, null, null, $"the log holds {last} events but otto had recorded {state.Seq}: events were lost", Stops: true), .. problems];
        }
        else if (last == state.Seq && scan.Offset == state.Offset && problems.Count == 0)
        {
            return state;
        }
        var reported = folded.Warnings.Select(w => w.Offset).OfType<long>().ToHashSet();
        var unreported = folded.UnreportedLogProblems.Concat(problems).Where(p => !reported.Contains(p.Offset)).DistinctBy(p => p.Offset).ToList();
        return folded with { Seq = last, Offset = scan.Offset, UnreportedLogProblems = unreported };
    }
}
