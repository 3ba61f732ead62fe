using System.CommandLine;
using System.Globalization;
using Otto.Config;
using Otto.Engine;
using Otto.Runs;

namespace Otto.Cli.Commands;

/// <summary>`otto build "INTENT"`: create a run and drive it to its end (or continue a planned run with --run).</summary>
public static class BuildCommand
{
    private static readonly Argument<string?> Intent = new("intent") { Description = "What to build, in words.", Arity = ArgumentArity.ZeroOrOne };
    private static readonly Option<string?> Agent = new("--agent") { Description = "Provider for every role: claude, codex, gemini, command or scripted." };
    private static readonly Option<string?> Model = new("--model") { Description = "Model for every role." };
    private static readonly Option<int?> Concurrency = new("--concurrency") { Description = "Agents at work at the same time (a task past its agent verifies and merges without holding a place)." };
    private static readonly Option<string?> Budget = new("--budget") { Description = "Wall-clock budget, e.g. 2h (limits.run_budget)." };
    private static readonly Option<decimal?> MaxCost = new("--max-cost") { Description = "Cost budget in USD (limits.max_cost_usd)." };
    private static readonly Option<bool> PlanOnly = new("--plan-only") { Description = "Classify and plan, then stop." };
    private static readonly Option<bool> AllowDirty = new("--allow-dirty") { Description = "Build even with uncommitted changes (from the last commit)." };
    private static readonly Option<string?> Scenario = new("--scenario") { Description = "Scenario file for the scripted agent." };
    private static readonly Option<string?> RunOption = new("--run") { Description = "Continue a planned run (from `otto plan`) instead of starting one." };
    private static readonly Option<bool> Json = CommonOptions.Json("Print final.json to stdout at the end.");
    private static readonly Option<string?> IntentFile = new("--intent-file") { Description = "Read the intent from this file (up to 1 MiB; an intent on the command line may have 64 KiB)." };

    /// <summary>The options `otto plan` shares with build (everything but what only a build means).</summary>
    public static IEnumerable<Option> PlanOptions => [IntentFile, Agent, Model, Concurrency, Budget, MaxCost, AllowDirty, Scenario];

    public static Command Create(CliIO io)
    {
        var command = new Command("build", "Turn an intent into verified code on a branch.")
        {
            Intent, IntentFile, Agent, Model, Concurrency, Budget, MaxCost, PlanOnly, AllowDirty, Scenario, RunOption, Json, RunSession.DriveOnly,
        };
        command.SetAction((parsed, _) => RunAsync(io, parsed, parsed.GetValue(Intent), parsed.GetValue(PlanOnly), parsed.GetValue(Json)));
        return command;
    }

    public static async Task<int> RunAsync(CliIO io, ParseResult parsed, string? intent, bool planOnly, bool json)
    {
        var (repo, home) = CommonOptions.Repo(parsed);
        var intentFile = parsed.GetValue(IntentFile);
        if (intent is not null && intentFile is not null) throw new OttoException("give either an intent or --intent-file FILE, not both");
        if (parsed.GetValue(RunOption) is { } runId)
        {
            if (intent is not null || intentFile is not null) throw new OttoException("give either an intent or --run RUN, not both");
            var paths = home.Run(RunCatalog.Resolve(home, runId));
            PlannedRun.Continue(new RunContext(paths, SilentObserver.Instance));
            return await RunSession.DriveAsync(io, paths, json, driveOnly: parsed.GetValue(RunSession.DriveOnly)).ConfigureAwait(false);
        }
        if (intentFile is not null) intent = IntentText.FromFile(intentFile);
        else if (string.IsNullOrWhiteSpace(intent)) throw new OttoException("say what to build: otto build \"add rate limiting to the API\"");
        else intent = IntentText.FromArgument(intent);
        var options = new BuildOptions
        {
            Agent = parsed.GetValue(Agent),
            Model = parsed.GetValue(Model),
            Concurrency = parsed.GetValue(Concurrency),
            Budget = parsed.GetValue(Budget) is { } budget ? ParseDuration(budget) : null,
            MaxCost = parsed.GetValue(MaxCost),
            PlanOnly = planOnly,
            AllowDirty = parsed.GetValue(AllowDirty),
            Scenario = parsed.GetValue(Scenario),
        };
        Warmup.StartSchemas(); // while the run is created: its classify stage needs them first
        var created = RunCreator.Create(repo, intent, options, DateTimeOffset.UtcNow, warning => io.Err.WriteLine($"otto: warning: {warning}"));
        return await RunSession.DriveAsync(io, created, json, driveOnly: parsed.GetValue(RunSession.DriveOnly)).ConfigureAwait(false);
    }

    private static TimeSpan ParseDuration(string text) =>
        Duration.TryParse(text, out var value) && value > TimeSpan.Zero
            ? value
            : throw new OttoException(string.Format(CultureInfo.InvariantCulture, "--budget must be a duration like 90m or 2h, not '{0}'", text));
}
