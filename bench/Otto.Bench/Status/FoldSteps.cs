using Otto.Runs;

namespace Otto.Bench.Status;

/// <summary>The steps of reading a run's whole log, each runnable alone over the same file.</summary>
public sealed class FoldSteps
{
    public const string Whole = "RunJournal.Read() without state.json";

    private readonly RunPaths _paths;
    private readonly byte[] _bytes;
    private readonly List<(int Start, int Length)> _lines = [];
    private readonly (int Start, int End)[] _lineEnds;
    private readonly IReadOnlyList<RunEvent> _events;

    private readonly RunPaths _bare;

    private FoldSteps(RunPaths paths, string scratch)
    {
        _paths = paths;
        // The log and its key alone in a run folder of the same id: what `otto status` finds without state.json.
        _bare = new RunPaths(Path.Combine(scratch, paths.RunId));
        Directory.CreateDirectory(_bare.Dir);
        File.Copy(paths.Events, _bare.Events, overwrite: true);
        File.Copy(Path.Combine(paths.Dir, EventSeal.KeyFileName), Path.Combine(_bare.Dir, EventSeal.KeyFileName), overwrite: true);
        _bytes = File.ReadAllBytes(paths.Events);
        for (var start = 0; start < _bytes.Length;)
        {
            var end = Array.IndexOf(_bytes, (byte)'\n', start);
            if (end < 0) break;
            _lines.Add((start, end - start));
            start = end + 1;
        }
        _lineEnds = [.. _lines.Select(l => (l.Start, l.Start + l.Length))];
        _events = new EventLog(paths.Events).ReadFrom(0).Events;
        if (_events.Count != _lines.Count) throw new InvalidOperationException($"{paths.Events}: {_lines.Count} lines but {_events.Count} events");
    }

    public static FoldSteps For(RunPaths paths, string scratch) => new(paths, scratch);

    public int Count => _events.Count;

    public IEnumerable<(string Name, Action Run)> All =>
    [
        ("read the file's bytes", () => File.ReadAllBytes(_paths.Events)),
        ("check every line's seal, one at a time (OpenSSL)", CheckSealsOneByOne),
        ("check every line's seal, 8 a pass (RunJournal's)", CheckSeals),
        ("parse every line (envelope + data)", ParseLines),
        ("fold the parsed events (StateFold)", () => StateFold.Fold(new RunState { RunId = _paths.RunId }, _events)),
        ("scan + fold (EventLog.Scan, StateFold.Apply)", ScanAndFold),
        (Whole, ReadJournal),
        ("load state.json (for comparison)", () => StateCache.Load(_paths)),
    ];

    private void CheckSealsOneByOne()
    {
        var seal = EventSeal.ForRun(_paths.Dir) ?? throw new InvalidOperationException("the run has no key");
        foreach (var (start, length) in _lines)
        {
            if (!seal.Verify(_bytes.AsSpan(start, length))) throw new InvalidOperationException("a line failed its seal");
        }
    }

    private void CheckSeals()
    {
        var seal = EventSeal.ForRun(_paths.Dir) ?? throw new InvalidOperationException("the run has no key");
        var valid = new bool[_lines.Count];
        using (var verifier = seal.NewVerifier()) verifier.VerifyEach(_bytes, _lineEnds, valid);
        if (valid.Contains(false)) throw new InvalidOperationException("a line failed its seal");
    }

    private void ParseLines()
    {
        foreach (var (start, length) in _lines)
        {
            if (EventCodec.TryParse(_bytes.AsSpan(start, length)) is null) throw new InvalidOperationException("a line did not parse");
        }
    }

    private void ScanAndFold()
    {
        var state = new RunState { RunId = _paths.RunId };
        new EventLog(_paths.Events).Scan(0, 0, e =>
        {
            state = StateFold.Apply(state, e);
            return true;
        });
        Check(state);
    }

    private void ReadJournal() => Check(new RunJournal(_bare).Read());

    private void Check(RunState state)
    {
        if (state.Seq != _events.Count) throw new InvalidOperationException($"folded to seq {state.Seq}, expected {_events.Count}");
    }
}
