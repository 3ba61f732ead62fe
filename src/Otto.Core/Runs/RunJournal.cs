using Otto.Platform;

namespace Otto.Runs;

/// <summary>
/// A run's event log plus the state folded from it. <see cref="Commit"/> is the only way to write: under
/// the run lock it folds whatever other processes appended, lets the caller decide on that fresh state
/// (e.g. "is this task still unclaimed?"), appends and fsyncs. Readers need no lock.
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
            var (appended, length) = _log.AppendLocked(drafts, Clock());
            _state = StateFold.Fold(state, appended) with { Offset = length };
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
        if (!force && DateTime.UtcNow - _stateWrittenAt < StateCacheInterval) return;
        StateCache.Save(Paths, _state);
        _stateWrittenAt = DateTime.UtcNow;
    }

    private RunState Advance(RunState state)
    {
        var (events, offset) = _log.ReadFrom(state.Offset);
        if (offset < state.Offset || (events.Count > 0 && events[0].Seq != state.Seq + 1))
        {
            // The cache does not line up with the log (replaced or hand-edited): fold from the start.
            (events, offset) = _log.ReadFrom(0);
            state = new RunState { RunId = Paths.RunId };
        }
        return events.Count == 0 && offset == state.Offset ? state : StateFold.Fold(state, events) with { Offset = offset };
    }
}
