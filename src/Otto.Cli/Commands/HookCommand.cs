using System.CommandLine;
using Otto.Hooks;

namespace Otto.Cli.Commands;

/// <summary>
/// `otto hook NAME [--chained PATH] [-- ARGS...]`: the entry point of the installed git hooks and of the
/// agents' tool hooks. Program.cs calls <see cref="Run"/> directly, before the command tree is built:
/// a hook runs on every commit in a task worktree and should cost a process start, little more.
/// </summary>
public static class HookCommand
{
    private static readonly Argument<string> NameArgument = new("name") { Description = $"The hook: {string.Join(", ", HookRunner.Names)}." };
    private static readonly Option<string?> Chained = new("--chained") { Description = "The hook to run after otto's check, with the same arguments and stdin." };
    private static readonly Argument<string[]> HookArguments = new("args") { Description = "The arguments git gave the hook.", Arity = ArgumentArity.ZeroOrMore };

    public static Command Create(CliIO io)
    {
        var command = new Command("hook", "Entry point of otto's installed hooks (git's and the agents').") { NameArgument, Chained, HookArguments };
        command.SetAction(parsed => Run(parsed.GetValue(NameArgument)!, parsed.GetValue(Chained), parsed.GetValue(HookArguments) ?? [], io));
        return command;
    }

    public static int Run(string name, string? chained, IReadOnlyList<string> args, CliIO io)
    {
        using var stdin = Console.OpenStandardInput();
        var hookIO = new HookIO(stdin, io.Out, io.Err, Environment.CurrentDirectory, Environment.GetEnvironmentVariable);
        return HookRunner.Run(name, chained, args, hookIO);
    }

    /// <summary>The fast path: `hook NAME [--chained PATH] [--] ARGS`, parsed by hand; null for anything
    /// else (help, a typo), which the full command tree then handles.</summary>
    public static int? TryRunDirect(string[] args, CliIO io)
    {
        if (args.Length < 2 || args[0] != "hook" || args[1].StartsWith('-') || !HookRunner.Names.Contains(args[1])) return null;
        var i = 2;
        string? chained = null;
        if (i + 1 < args.Length && args[i] == "--chained")
        {
            chained = args[i + 1];
            i += 2;
        }
        if (i < args.Length && args[i] == "--") i++;
        else if (i < args.Length && args[i].StartsWith('-')) return null;
        try
        {
            return Run(args[1], chained, args[i..], io);
        }
        catch (OttoException e)
        {
            io.Err.WriteLine($"otto: {e.Message}");
            return e.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Otto.Git.GitException or InvalidDataException)
        {
            // A hook that cannot check refuses (git then stops the commit): the message says why.
            io.Err.WriteLine($"otto {args[1]} hook: {e.GetType().Name}: {e.Message}");
            return ExitCodes.RunFailed;
        }
    }
}
