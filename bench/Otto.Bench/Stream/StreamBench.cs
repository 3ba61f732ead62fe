using System.Diagnostics;
using System.Text;
using Otto.Bench.Support;

namespace Otto.Bench.Stream;

/// <summary>
/// Issue 3, parsing: lines per second through each parser in <see cref="StreamParsers"/> over 100,000
/// generated Claude stream-json lines, from memory (the parser alone) and from the file (reading lines
/// with a StreamReader, as a provider reading stdout.log does). Best and median of several rounds.
/// </summary>
public static class StreamBench
{
    public static IEnumerable<SummaryRow> Run(BenchArgs args, TextWriter log)
    {
        var count = args.Int("lines", 100_000);
        var rounds = args.Int("rounds", 5);
        using var env = BenchEnv.Create(args, "stream");
        var generator = new ClaudeStreamGenerator(args.Int("seed", 3));
        var lines = generator.Lines(count).ToList();
        var file = Path.Combine(env.Root, "stdout.log");
        File.WriteAllLines(file, lines, new UTF8Encoding(false));
        var megabytes = new FileInfo(file).Length / 1024.0 / 1024.0;
        log.WriteLine($"stream: {lines.Count} lines of Claude stream-json, {generator.Sessions} sessions, {megabytes:0.0} MB "
            + $"(mean {new FileInfo(file).Length / (double)lines.Count:0} bytes/line, longest {lines.Max(l => l.Length) / 1024.0:0} KB; {MachineLoad.Describe()})");

        var rows = new List<SummaryRow>();
        foreach (var name in StreamParsers.Lines().Select(p => p.Name))
        {
            var memory = new List<double>();
            var fromFile = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var parser = StreamParsers.Lines().First(p => p.Name == name);
                memory.Add(Time(() => { foreach (var line in lines) parser.Parse(line); }));
                Check(parser, generator);
                parser = StreamParsers.Lines().First(p => p.Name == name);
                fromFile.Add(Time(() =>
                {
                    using var reader = new StreamReader(file, Encoding.UTF8);
                    while (reader.ReadLine() is { } line) parser.Parse(line);
                }));
                Check(parser, generator);
            }
            rows.AddRange(Report(log, name + ", from memory", memory, lines.Count, megabytes));
            rows.AddRange(Report(log, name + ", from the file", fromFile, lines.Count, megabytes));
        }
        foreach (var adapter in StreamParsers.Files())
        {
            var times = Enumerable.Range(0, rounds).Select(_ => Time(() => adapter.ParseFile(file))).ToList();
            rows.AddRange(Report(log, adapter.Name + ", whole file", times, lines.Count, megabytes));
        }
        return rows;
    }

    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static IEnumerable<SummaryRow> Report(TextWriter log, string name, IReadOnlyCollection<double> seconds, int lines, double megabytes)
    {
        var best = seconds.Min();
        var median = Stats.Median(seconds);
        log.WriteLine($"  {name,-56} best {lines / best,10:#,0} lines/s ({megabytes / best,6:0.0} MB/s), median {lines / median,10:#,0} lines/s ({median * 1000:0} ms)");
        yield return new SummaryRow("stream", name, $"{lines / median:#,0} lines/s (median), {megabytes / median:0} MB/s");
    }

    /// <summary>The baseline must read what was written; other parsers are checked by their own tests.</summary>
    private static void Check(IStreamLineParser parser, ClaudeStreamGenerator generator)
    {
        if (parser is not BaselineStreamParser baseline) return;
        if (baseline.CostUsd != generator.TotalCostUsd || baseline.Turns != generator.AssistantLines)
            throw new InvalidOperationException($"baseline read cost {baseline.CostUsd} and {baseline.Turns} turns; the generator wrote {generator.TotalCostUsd} and {generator.AssistantLines}");
    }
}
