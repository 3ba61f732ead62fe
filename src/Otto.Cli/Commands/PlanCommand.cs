using System.CommandLine;

namespace Otto.Cli.Commands;

/// <summary>`otto plan "INTENT"`: classify and plan, then stop so the plan can be read and edited.</summary>
public static class PlanCommand
{
    public static Command Create(CliIO io)
    {
        var build = BuildCommand.Create(io);
        var command = new Command("plan", "Classify and plan an intent, then stop; continue with `otto build --run ID`.");
        foreach (var argument in build.Arguments) command.Add(argument);
        foreach (var option in build.Options.Where(o => o.Name is not ("--plan-only" or "--run" or "--drive-only"))) command.Add(option);
        command.SetAction((parsed, _) => BuildCommand.RunAsync(io, parsed, planOnly: true));
        return command;
    }
}
