using System.Diagnostics;

namespace Otto.Git;

/// <summary>
/// The one way otto runs git: arguments as a list (never a quoted string), no terminal prompts, C locale,
/// and none of the GIT_DIR-style variables a hook may have exported, so every call means what it says.
/// </summary>
public static class GitCli
{
    private static readonly string[] StrippedVariables =
    [
        "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES",
        "GIT_COMMON_DIR", "GIT_PREFIX", "GIT_NAMESPACE", "GIT_CEILING_DIRECTORIES",
    ];

    public static GitResult Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, arguments, stdin: null, environment: null);

    public static GitResult Run(
        string workingDirectory,
        IReadOnlyList<string> arguments,
        string? stdin,
        IReadOnlyDictionary<string, string?>? environment)
    {
        Process? started;
        try
        {
            started = Process.Start(StartInfo(workingDirectory, arguments, environment));
        }
        catch (System.ComponentModel.Win32Exception) when (!Directory.Exists(workingDirectory))
        {
            return NoWorkingDirectory(workingDirectory, arguments);
        }
        using var process = started ?? throw new InvalidOperationException("could not start git");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        process.WaitForExit();
        return new GitResult(arguments, process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>What `git -C DIR` says of a folder that is not there: a failure the caller handles like any
    /// other, not an exception from Process.Start (a worktree another thread or process has just moved or
    /// removed: a spare being made while the run's end returns it to the pool).</summary>
    internal static GitResult NoWorkingDirectory(string workingDirectory, IReadOnlyList<string> arguments) =>
        new(arguments, 128, "", $"fatal: cannot change to '{workingDirectory}': No such file or directory");

    /// <summary>How every git process is started: redirected, with the variables above stripped.</summary>
    internal static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var info = new ProcessStartInfo("git")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var name in StrippedVariables) info.Environment.Remove(name);
        info.Environment["GIT_TERMINAL_PROMPT"] = "0";
        info.Environment["LC_ALL"] = "C";
        info.Environment["GIT_OPTIONAL_LOCKS"] = "0";
        // otto's own git operations (committing an agent's work, moving task branches, integrating) pass
        // otto's git hooks unchecked. Anyone could set this: the hooks are no security boundary, the
        // integrator is (docs/ownership.md).
        info.Environment["OTTO_INTERNAL_GIT"] = "1";
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null) info.Environment.Remove(key);
                else info.Environment[key] = value;
            }
        }
        return info;
    }
}
