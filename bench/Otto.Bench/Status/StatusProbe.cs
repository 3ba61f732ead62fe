using System.Diagnostics;
using System.Globalization;
using Otto.Bench.Support;
using Otto.Cli;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Bench.Status;

/// <summary>
/// Where `otto status` spends its time: the same steps as StatusCommand, timed one by one in a fresh
/// process (so each step pays its own JIT and assembly loading, as in the real command), then once more
/// in the same process (the steady-state cost without JIT). Also lists the assemblies the real command
/// loads, run in-process through <see cref="CliApp"/>.
/// </summary>
public static class StatusProbe
{
    /// <summary>Runs the probe in fresh processes and prints the median of every step.</summary>
    public static void Report(string repo, RunPaths paths, int probes, StateCacheSwitch cache, TextWriter log)
    {
        foreach (var kind in new[] { "warm", "state", "nocache" })
        {
            var phases = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            var order = new List<string>();
            cache.Hide(kind);
            try
            {
                for (var i = 0; i < probes; i++)
                {
                    var result = Self.Run(repo, "probe-status", "--repo", repo, "--run", paths.RunId).EnsureOk("probe-status");
                    foreach (var line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                    {
                        var parts = line.Split('\t');
                        if (parts[0] != "phase") continue;
                        if (!phases.TryGetValue(parts[1], out var list))
                        {
                            phases[parts[1]] = list = [];
                            order.Add(parts[1]);
                        }
                        list.Add(double.Parse(parts[2], CultureInfo.InvariantCulture));
                    }
                }
            }
            finally
            {
                cache.Restore();
            }
            var with = kind switch { "warm" => "with status-view", "state" => "with state.json, no status-view", _ => "without caches" };
            log.WriteLine($"  breakdown in a fresh process, {with} (median of {probes}):");
            foreach (var name in order) log.WriteLine($"    {name,-48} {Stats.Median(phases[name]),8:0.0} ms");
        }
        var loaded = Self.Run(repo, "probe-assemblies", "--repo", repo, "--run", paths.RunId).EnsureOk("probe-assemblies").Stdout;
        log.WriteLine($"  assemblies loaded by `otto status --json` (in-process): {loaded.Split('\t').Last().Trim()}");
    }

    /// <summary>The probe itself (subcommand probe-status): prints "phase\tNAME\tMS" lines.</summary>
    public static int Phases(BenchArgs args)
    {
        var repoDir = args.String("repo") ?? throw new ArgumentException("--repo is required");
        var runId = args.String("run") ?? throw new ArgumentException("--run is required");
        var output = Console.Out;
        var sinceStart = (DateTime.Now - Process.GetCurrentProcess().StartTime).TotalMilliseconds;
        Phase(output, "runtime start-up to Main", sinceStart);

        for (var pass = 1; pass <= 2; pass++)
        {
            var suffix = pass == 1 ? "" : " (again, JIT done)";
            var io = new CliIO(TextWriter.Null, TextWriter.Null, false);
            var clock = Stopwatch.StartNew();
            // What `otto status` tries before anything else: a run still going is answered there.
            var direct = Otto.Cli.Commands.StatusCommand.TryShowDirect(["-C", repoDir, "status", "--json", runId], io);
            Phase(output, "status before the command tree" + (direct is null ? " (none)" : "") + suffix, Lap(clock));
            if (direct is not null) continue;
            var root = CliApp.BuildRoot(io);
            Phase(output, "build the command tree" + suffix, Lap(clock));
            var parsed = root.Parse(["-C", repoDir, "status", "--json", runId]);
            Phase(output, "parse arguments" + suffix, Lap(clock));
            var repo = Engine.Preflight.OpenRepo(repoDir);
            Phase(output, "find the repository (git rev-parse)" + suffix, Lap(clock));
            var home = new OttoHome(repo.Root);
            var paths = home.Run(RunCatalog.Resolve(home, runId));
            Phase(output, "resolve the run" + suffix, Lap(clock));
            // What StatusCommand tries first; when it answers, the command is done.
            var shown = StatusView.FromViewFile(paths, json: true);
            Phase(output, "status from status-view" + (shown is null ? " (none)" : "") + suffix, Lap(clock));
            if (shown is not null)
            {
                TextWriter.Null.WriteLine(shown);
                continue;
            }
            // What RunJournal's constructor and Read() do, one step at a time.
            var cached = StateCache.Load(paths) ?? new RunState { RunId = paths.RunId };
            Phase(output, "load state.json" + suffix, Lap(clock));
            var (events, offset) = new EventLog(paths.Events).ReadFrom(cached.Offset);
            Phase(output, $"read + parse the log after state.json ({events.Count} events)" + suffix, Lap(clock));
            var state = StateFold.Fold(cached, events) with { Offset = offset };
            Phase(output, "fold them (StateFold.Fold)" + suffix, Lap(clock));
            var text = StatusView.JsonText(paths, state);
            Phase(output, "build the status JSON" + suffix, Lap(clock));
            TextWriter.Null.WriteLine(text);
            _ = parsed;
        }

        return 0;
    }

    /// <summary>Subcommand probe-assemblies: the real command, in-process, then the assemblies it loaded.</summary>
    public static int Assemblies(BenchArgs args)
    {
        var repoDir = args.String("repo") ?? throw new ArgumentException("--repo is required");
        var runId = args.String("run") ?? throw new ArgumentException("--run is required");
        CliApp.RunAsync(["-C", repoDir, "status", "--json", runId], new CliIO(TextWriter.Null, TextWriter.Null, false)).GetAwaiter().GetResult();
        var loaded = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name ?? "?")
            .Where(n => n is not "otto-bench")
            .Order(StringComparer.Ordinal).ToList();
        Console.Out.WriteLine($"assemblies\t{loaded.Count}: {string.Join(", ", loaded)}");
        return 0;
    }

    private static double Lap(Stopwatch clock)
    {
        var ms = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        return ms;
    }

    private static void Phase(TextWriter output, string name, double ms) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"phase\t{name}\t{ms:0.00}"));
}
