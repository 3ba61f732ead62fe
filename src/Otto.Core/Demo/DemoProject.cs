using Otto.Git;
using Otto.Contracts;
using Otto.Planning;

namespace Otto.Demo;

/// <summary>The sample repository `otto demo` builds on: a tiny shell library whose test command is real.</summary>
public static class DemoProject
{
    public const string Intent = "add an arithmetic core with sum and greeting features on top";

    /// <summary>`otto demo --amendment`: the same project, where a feature asks the core for a change in its contract.</summary>
    public const string AmendmentIntent = "add an arithmetic core with sum, difference and greeting features on top";

    /// <summary>The scenario of `otto demo --amendment` (the default one is named in the sample's otto.yaml).</summary>
    public const string AmendmentScenario = "amendment-scenario.yaml";

    /// <summary>Writes the sample files into an empty folder and commits them on `main`.</summary>
    public static GitRepo Create(string dir)
    {
        Directory.CreateDirectory(dir);
        if (Directory.EnumerateFileSystemEntries(dir).Any()) throw new OttoException($"{dir} is not empty; `otto demo --keep` needs a new or empty folder");
        const string prefix = "demo/";
        foreach (var name in EmbeddedFiles.Names(prefix))
        {
            var relative = name[prefix.Length..].Replace('\\', '/');
            var path = Path.Combine(dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, EmbeddedFiles.Read(name));
        }
        Run(dir, "init", "--quiet", "--initial-branch=main");
        Run(dir, "config", "user.name", "otto demo");
        Run(dir, "config", "user.email", "demo@otto.invalid");
        Run(dir, "add", "--all");
        Run(dir, "commit", "--quiet", "--no-verify", "-m", "sample project for otto demo");
        return new GitRepo(Path.GetFullPath(dir));
    }

    private static void Run(string dir, params string[] arguments) => GitCli.Run(dir, arguments).EnsureOk();
}
