using System.CommandLine;
using Otto.Git;
using Otto.Runs;

namespace Otto.Cli;

/// <summary>Options shared by several commands, declared once.</summary>
public static class CommonOptions
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Print stack traces of internal errors.",
        Recursive = true,
    };

    public static readonly Option<string?> Directory = new("--dir", "-C")
    {
        Description = "Run as if otto was started in this directory.",
        Recursive = true,
    };

    public static Option<bool> Json(string description) => new("--json") { Description = description };

    public static string WorkingDirectory(System.CommandLine.ParseResult parsed)
    {
        if (parsed.GetValue(Directory) is { } given) return Path.GetFullPath(given);
        try
        {
            return Environment.CurrentDirectory;
        }
        catch (IOException)
        {
            throw new OttoException("the current directory no longer exists; cd into your repository again");
        }
    }

    /// <summary>The repository otto was started in, and its .otto folder.</summary>
    public static (GitRepo Repo, OttoHome Home) Repo(System.CommandLine.ParseResult parsed)
    {
        var repo = Otto.Engine.Preflight.OpenRepo(WorkingDirectory(parsed));
        return (repo, new OttoHome(repo.Root));
    }
}
