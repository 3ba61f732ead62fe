using System.Diagnostics;
using System.Text;
using Otto.Bench.Stream;
using Otto.Bench.Support;
using Otto.Secrets;

namespace Otto.Bench.Redact;

/// <summary>
/// Issue 8, secrets: what the redactor costs. Loading the rules (once per process); looking through a
/// log that holds no secret (what every attempt's stdout.log gets when it ends), as Claude stream-json
/// and as a plain test log that says "token" on every line (the worst case of the words-first rule);
/// rewriting a log that does hold secrets; and short lines one at a time (events, `otto logs`). Wall
/// and CPU time of this process, since the machine may be busy.
/// </summary>
public static class RedactBench
{
    public static IEnumerable<SummaryRow> Run(BenchArgs args, TextWriter log)
    {
        var megabytes = args.Int("redact-mb", 64);
        using var env = BenchEnv.Create(args, "redact");
        log.WriteLine($"redact: {megabytes} MB logs ({MachineLoad.Describe()})");
        var rows = new List<SummaryRow>();

        var (loadWall, loadCpu) = Measure(() => SecretRules.Default.Patterns.Count);
        log.WriteLine($"  loading and compiling the rules: {loadWall * 1000:0.0} ms wall, {loadCpu * 1000:0.0} ms CPU");
        rows.Add(new SummaryRow("redact", "rules loaded (once per process)", $"{loadWall * 1000:0.0} ms wall, {loadCpu * 1000:0.0} ms CPU"));
        var redactor = new Redactor([]);

        var stream = Path.Combine(env.Root, "stream.log");
        WriteUntil(stream, megabytes, new ClaudeStreamGenerator(3).Lines(int.MaxValue));
        var plain = Path.Combine(env.Root, "plain.log");
        var random = new Random(5);
        WriteUntil(plain, megabytes, Enumerable.Range(0, int.MaxValue).Select(i =>
            $"test_{random.Next()} passed in {random.Next(1000)}ms token count {random.Next()} at src/app/module_{i % 97}.py:{random.Next(900)} x={random.Next()}"));
        var leaky = Path.Combine(env.Root, "leaky.log");
        var secret = "gh" + "p_" + "Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVb";
        WriteUntil(leaky, megabytes, Enumerable.Range(0, int.MaxValue).Select(i => i % 1000 == 0 ? "pushing with " + secret : $"line {i} of an ordinary build log, nothing to see"));

        foreach (var (name, file) in new[] { ("stream-json, no secret (looked through only)", stream), ("plain log saying token on every line", plain), ("a secret every 1000 lines (rewritten)", leaky) })
        {
            var size = new FileInfo(file).Length / 1024.0 / 1024.0;
            var (wall, cpu) = Measure(() => { redactor.RedactFile(file); return 0; });
            log.WriteLine($"  {name,-50} {size / wall,7:0.0} MB/s wall, {size / cpu,7:0.0} MB/s CPU ({wall:0.00} s)");
            rows.Add(new SummaryRow("redact", name, $"{size / wall:0} MB/s wall, {size / cpu:0} MB/s CPU"));
        }
        if (File.ReadAllText(leaky).Contains(secret, StringComparison.Ordinal)) throw new InvalidOperationException("the leaky log was not redacted");

        var lines = File.ReadLines(stream).Take(100_000).ToList();
        var (lineWall, lineCpu) = Measure(() => lines.Sum(l => redactor.Find(l).Count));
        log.WriteLine($"  {lines.Count} stream-json lines one at a time: {lines.Count / lineWall:#,0} lines/s wall, {lines.Count / lineCpu:#,0} lines/s CPU");
        rows.Add(new SummaryRow("redact", "stream-json lines one at a time", $"{lines.Count / lineWall:#,0} lines/s wall, {lines.Count / lineCpu:#,0} CPU"));
        return rows;
    }

    private static void WriteUntil(string path, int megabytes, IEnumerable<string> lines)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        var limit = (long)megabytes << 20;
        var written = 0L;
        foreach (var line in lines)
        {
            writer.Write(line);
            writer.Write('\n');
            written += line.Length + 1;
            if (written >= limit) break;
        }
    }

    private static (double Wall, double Cpu) Measure(Func<int> action)
    {
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        action();
        process.Refresh();
        return (clock.Elapsed.TotalSeconds, Math.Max((process.TotalProcessorTime - cpu).TotalSeconds, 1e-6));
    }
}
