using Otto.Bench.BigOut;
using Otto.Bench.Hooks;
using Otto.Bench.Makespan;
using Otto.Bench.Redact;
using Otto.Bench.Status;
using Otto.Bench.Stream;
using Otto.Bench.Support;
using Otto.Bench.Templates;

namespace Otto.Bench;

/// <summary>
/// otto-bench SUBCOMMAND [--options]: status, fold, makespan, speedup, stream, bigout, redact, templates, or all. Each prints its figures
/// as plain lines on stdout, then a summary table. Exit code 0 when it ran (aims missed are reported,
/// not failures), 2 on bad usage, 1 when a benchmark could not run.
/// </summary>
public static class BenchMain
{
    private const string Usage = """
        usage: otto-bench status|fold|makespan|speedup|stream|bigout|redact|templates|hooks|all [--options]
          common:   --otto PATH (default: $OTTO_BIN, else src/Otto.Cli/bin/Release/net10.0/otto)  --tmp DIR  --keep
          status:   --tasks 200 --events 20000 --runs 30 --warmup 3 --probes 5 --seed 2
          fold:     --tasks 200 --events 20000 --rounds 15 --seed 2 --run DIR (an existing run folder)
          makespan: --tasks 40 --seed 4 --concurrency 1,2,4,8 --files 1000 --min-sleep 0.5 --max-sleep 2.0 --verify true --git-census --graph-only
          speedup: --tasks 8 --sleep 3 --files 1000
          stream:   --lines 100000 --seed 3 --rounds 5
          bigout:   --mb 1024 --line-bytes 100 --long-line-mb 64 --scripted-mb 64 --poll-ms 20
          redact:   --redact-mb 64
          hooks:    --files 1000 --rounds 40
          templates: --probes 15
        see bench/README.md
        """;

    public static int Run(string[] argv)
    {
        if (argv.Length == 0 || argv[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return argv.Length == 0 ? 2 : 0;
        }
        var args = new BenchArgs(argv.Skip(1));
        var log = Console.Out;
        try
        {
            var summary = new Summary();
            switch (argv[0])
            {
                case "probe-status":
                    return StatusProbe.Phases(args);
                case "probe-assemblies":
                    return StatusProbe.Assemblies(args);
                case "probe-templates":
                    return TemplatesBench.Probe();
                case "status":
                    summary.AddRange(StatusBench.Run(args, log).ToList());
                    break;
                case "fold":
                    summary.AddRange(FoldBench.Run(args, log));
                    break;
                case "makespan":
                    summary.AddRange(MakespanBench.Run(args, log));
                    break;
                case "speedup":
                    summary.AddRange(SpeedupBench.Run(args, log));
                    break;
                case "stream":
                    summary.AddRange(StreamBench.Run(args, log));
                    break;
                case "bigout":
                    summary.AddRange(BigOutBench.Run(args, log));
                    break;
                case "redact":
                    summary.AddRange(RedactBench.Run(args, log));
                    break;
                case "hooks":
                    summary.AddRange(HooksBench.Run(args, log).ToList());
                    break;
                case "templates":
                    summary.AddRange(TemplatesBench.Run(args, log).ToList());
                    break;
                case "all":
                    summary.AddRange(StatusBench.Run(args, log).ToList());
                    summary.AddRange(FoldBench.Run(args, log));
                    summary.AddRange(MakespanBench.Run(args, log));
                    summary.AddRange(SpeedupBench.Run(args, log));
                    summary.AddRange(StreamBench.Run(args, log));
                    summary.AddRange(BigOutBench.Run(args, log));
                    summary.AddRange(RedactBench.Run(args, log));
                    summary.AddRange(HooksBench.Run(args, log).ToList());
                    summary.AddRange(TemplatesBench.Run(args, log).ToList());
                    break;
                default:
                    Console.Error.WriteLine($"otto-bench: unknown benchmark '{argv[0]}'");
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
            if (args.Unused.ToList() is { Count: > 0 } unused)
                Console.Error.WriteLine($"otto-bench: note: unused options: {string.Join(", ", unused.Select(u => "--" + u))}");
            summary.Print(log);
            return 0;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"otto-bench: {e.Message}");
            return 2;
        }
    }
}
