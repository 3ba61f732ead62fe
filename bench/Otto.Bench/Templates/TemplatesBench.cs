using System.Diagnostics;
using System.Globalization;
using Otto.Bench.Support;
using Otto.Reporting;

namespace Otto.Bench.Templates;

/// <summary>
/// The start-up cost of the template engine: in fresh processes (as a stage pays it), the first render of
/// each prompt (assembly loading, parsing, JIT) and then all four again (the steady state). Warmup
/// (Otto.Engine.Warmup) pays the first-render cost in the background while the planner's worktree is made.
/// </summary>
public static class TemplatesBench
{
    public static IEnumerable<SummaryRow> Run(BenchArgs args, TextWriter log)
    {
        var probes = args.Int("probes", 15);
        var phases = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < probes; i++)
        {
            var result = Self.Run(Environment.CurrentDirectory, "probe-templates").EnsureOk("probe-templates");
            foreach (var parts in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split('\t')).Where(p => p[0] == "phase"))
            {
                if (!phases.TryGetValue(parts[1], out var list))
                {
                    phases[parts[1]] = list = [];
                    order.Add(parts[1]);
                }
                list.Add(double.Parse(parts[2], CultureInfo.InvariantCulture));
            }
        }
        log.WriteLine($"templates: prompt rendering in a fresh process (median of {probes}; {MachineLoad.Describe()})");
        foreach (var name in order) log.WriteLine($"  {name,-44} {Stats.Describe(phases[name])}");
        yield return new SummaryRow("templates", "first render, 4 prompts (cold)", Summary.Ms(Stats.Median(phases[FirstAll])));
        yield return new SummaryRow("templates", "first render, 4 prompts (cold), CPU", Summary.Ms(Stats.Median(phases[FirstAllCpu])));
        yield return new SummaryRow("templates", "render 4 prompts again (warm)", Summary.Ms(Stats.Median(phases[WarmAll])));
    }

    private const string FirstAll = "first render of the 4 prompts";
    private const string FirstAllCpu = "first render of the 4 prompts, CPU time";
    private const string WarmAll = "the 4 prompts again";

    /// <summary>The probe (subcommand probe-templates): prints "phase\tNAME\tMS" lines.</summary>
    public static int Probe()
    {
        var renderer = new PromptRenderer(null);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var total = 0.0;
        foreach (var name in PromptRenderer.Names)
        {
            clock.Restart();
            renderer.Render(name, Model());
            var ms = clock.Elapsed.TotalMilliseconds;
            total += ms;
            Console.WriteLine(FormattableString.Invariant($"phase\tfirst render: {name}\t{ms}"));
        }
        Console.WriteLine(FormattableString.Invariant($"phase\t{FirstAll}\t{total}"));
        Console.WriteLine(FormattableString.Invariant($"phase\t{FirstAllCpu}\t{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds}"));
        clock.Restart();
        foreach (var name in PromptRenderer.Names) renderer.Render(name, Model());
        Console.WriteLine(FormattableString.Invariant($"phase\t{WarmAll}\t{clock.Elapsed.TotalMilliseconds}"));
        return 0;
    }

    /// <summary>One model with every key any prompt reads, so every branch is taken.</summary>
    private static Dictionary<string, object?> Model() => new()
    {
        ["intent"] = "add rate limiting to the API",
        ["base_branch"] = "main",
        ["base_sha"] = "89abcdef0123456789abcdef0123456789abcdef",
        ["errors"] = new List<string> { "`size` is missing" },
        ["learnings"] = "- tests live in test/",
        ["max_tasks"] = 12,
        ["verify_commands"] = new List<string> { "npm test", "npm run lint" },
        ["classification"] = new Dictionary<string, object?> { ["kind"] = "feature", ["size"] = "small", ["single_task"] = false },
        ["attempt"] = 2,
        ["context"] = "- core: the limiter is in src/limit.ts",
        ["shared_files"] = new List<string> { "package.json" },
        ["task"] = new Dictionary<string, object?>
        {
            ["id"] = "limit", ["title"] = "Rate limiter", ["description"] = "Add a limiter.", ["branch"] = "otto/tasks/x/limit",
            ["owned_paths"] = new List<string> { "src/limit.ts" }, ["acceptance"] = new List<string> { "429 after 100 requests" },
        },
        ["failure"] = new Dictionary<string, object?> { ["kind"] = "verification", ["reason"] = "expected 429", ["command"] = "npm test" },
        ["conflict"] = null,
        ["answer"] = "use a sliding window",
    };
}
