using System.CommandLine;

namespace Otto.Cli.Commands;

/// <summary>`otto plan "INTENT"`: classify and plan, then stop so the plan can be read and edited.</summary>
public static class PlanCommand
{
    private static readonly Argument<string?> Intent = new("intent") { Description = "What to build, in words (or --intent-file FILE).", Arity = ArgumentArity.ZeroOrOne };

    private static readonly Option<bool> Json = CommonOptions.Json(
        "Print the run as `otto status --json` shows it (status planned, the planned tasks) to stdout when planning ends; final.json instead when the run ended.");

    public static Command Create(CliIO io)
    {
        var command = new Command("plan", "Classify and plan an intent, then stop; continue with `otto build --run ID`.") { Intent };
        foreach (var option in BuildCommand.PlanOptions) command.Add(option);
        command.Add(Json);
        command.SetAction((parsed, _) => BuildCommand.RunAsync(io, parsed, parsed.GetValue(Intent), planOnly: true, json: parsed.GetValue(Json)));
        return command;
    }
}
