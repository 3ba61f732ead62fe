using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Runs;

/// <summary>reliability.md #11: sequence numbers are assigned under the run lock, across real processes.</summary>
public sealed class EventLogConcurrencyTests
{
    [Fact]
    public async Task Thirty_two_processes_appending_500_events_each_leave_16000_seqs_without_gaps_or_duplicates()
    {
        const int writers = 32;
        const int each = 500;
        // On tmpfs when there is one: 16,000 appends take turns under one lock, and what is tested here is
        // the lock and the seq, not the disk's fsync latency (which would make this test take minutes).
        using var run = new RunFolder(inMemory: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));

        var processes = Enumerable.Range(0, writers).Select(_ => EventWriterProcess.Start(run.Paths.Dir, each)).ToList();
        var results = await Task.WhenAll(processes.Select(async p =>
        {
            var stderr = p.StandardError.ReadToEndAsync(timeout.Token);
            await p.WaitForExitAsync(timeout.Token);
            return (p.Id, p.ExitCode, Stderr: await stderr);
        }));
        foreach (var p in processes) p.Dispose();

        Assert.All(results, r => Assert.True(r.ExitCode == 0, $"writer {r.Id} exited with {r.ExitCode}: {r.Stderr}"));
        var bytes = await File.ReadAllBytesAsync(run.Paths.Events);
        Assert.Equal((byte)'\n', bytes[^1]);
        var lines = Encoding.UTF8.GetString(bytes).Split('\n')[..^1];
        Assert.Equal(writers * each, lines.Length);

        var byWriter = new Dictionary<int, List<int>>();
        for (var n = 0; n < lines.Length; n++)
        {
            using var json = JsonDocument.Parse(lines[n]); // every line is valid JSON on its own
            var e = RunEvent.TryParse(Encoding.UTF8.GetBytes(lines[n]));
            Assert.NotNull(e);
            Assert.Equal(n + 1, e.Seq); // line n holds seq n: 1..16000 in order, no gap, no duplicate
            var data = json.RootElement.GetProperty("data");
            var writer = data.GetProperty("writer").GetInt32();
            (byWriter.TryGetValue(writer, out var list) ? list : byWriter[writer] = []).Add(data.GetProperty("i").GetInt32());
        }
        Assert.Equal(writers, byWriter.Count);
        Assert.All(byWriter.Values, written => Assert.Equal(Enumerable.Range(1, each), written));
        Assert.Equal(writers * each, run.FoldFromDisk().Seq);
    }
}
