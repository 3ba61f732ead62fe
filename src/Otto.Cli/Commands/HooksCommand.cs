using System.CommandLine;
using Otto.Hooks;

namespace Otto.Cli.Commands;

/// <summary>`otto hooks install | uninstall | status`: otto's git hooks beside the repository's own.</summary>
public static class HooksCommand
{
    public static Command Create(CliIO io)
    {
        var command = new Command("hooks", "Install, remove or show otto's git hooks (they chain to the repository's own hooks).");
        var install = Sub(io, "install", "Install otto's pre-commit, commit-msg, pre-push and reference-transaction hooks for otto's task worktrees.",
            (installer, parsed) => installer.Install(OttoCommand.Current(), parsed.GetValue(Shared)));
        install.Options.Add(Shared);
        command.Subcommands.Add(install);
        command.Subcommands.Add(Sub(io, "uninstall", "Remove otto's hooks and put back exactly what was there.", (installer, _) => installer.Uninstall()));
        command.Subcommands.Add(Sub(io, "status", "Say what is installed, whether git runs it, and what each hook chains to.", (installer, _) => HookStatus.Lines(installer)));
        return command;
    }

    private static readonly Option<bool> Shared = new("--shared")
    {
        Description = "Install where every checkout of the repository runs them (they only chain outside otto's task worktrees).",
    };

    private static Command Sub(CliIO io, string name, string description, Func<HookInstaller, ParseResult, IReadOnlyList<string>> action)
    {
        var command = new Command(name, description);
        command.SetAction(parsed =>
        {
            var (repo, _) = CommonOptions.Repo(parsed);
            foreach (var line in action(new HookInstaller(repo), parsed)) io.Out.WriteLine(line);
            return ExitCodes.Succeeded;
        });
        return command;
    }
}
