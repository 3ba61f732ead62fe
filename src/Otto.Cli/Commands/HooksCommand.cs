using System.CommandLine;
using Otto.Hooks;

namespace Otto.Cli.Commands;

/// <summary>`otto hooks install | uninstall | status`: otto's git hooks beside the repository's own.</summary>
public static class HooksCommand
{
    public static Command Create(CliIO io)
    {
        var command = new Command("hooks", "Install, remove or show otto's git hooks (they chain to the repository's own hooks).");
        command.Subcommands.Add(Sub(io, "install", "Install otto's pre-commit, commit-msg, pre-push and reference-transaction hooks.",
            installer => installer.Install(OttoCommand.Current())));
        command.Subcommands.Add(Sub(io, "uninstall", "Remove otto's hooks and put back exactly what was there.", installer => installer.Uninstall()));
        command.Subcommands.Add(Sub(io, "status", "Say what is installed, whether git runs it, and what each hook chains to.", installer => installer.Status()));
        return command;
    }

    private static Command Sub(CliIO io, string name, string description, Func<HookInstaller, IReadOnlyList<string>> action)
    {
        var command = new Command(name, description);
        command.SetAction(parsed =>
        {
            var (repo, _) = CommonOptions.Repo(parsed);
            foreach (var line in action(new HookInstaller(repo))) io.Out.WriteLine(line);
            return ExitCodes.Succeeded;
        });
        return command;
    }
}
