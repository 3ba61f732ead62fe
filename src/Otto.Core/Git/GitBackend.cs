namespace Otto.Git;

/// <summary>
/// Which back-end answers <see cref="IGitObjects"/>: libgit2 in-process (the default: no process start per
/// operation) or the git CLI, chosen with OTTO_GIT_BACKEND=cli|libgit2 (read once per process). Both give
/// the same answers; the CLI one is kept as the reference the fixture tests compare against and as the
/// fallback where libgit2 cannot be loaded.
/// </summary>
public static class GitBackend
{
    public const string Variable = "OTTO_GIT_BACKEND";

    private static readonly Lazy<bool> UseLibGit2 = new(() => Environment.GetEnvironmentVariable(Variable) switch
    {
        null or "" or "libgit2" => LibGit2Available(),
        "cli" => false,
        var other => throw new OttoException($"{Variable}={other}: expected `cli` or `libgit2`", ExitCodes.Environment),
    });

    /// <summary>"libgit2" or "cli": what this process uses.</summary>
    public static string Name => UseLibGit2.Value ? "libgit2" : "cli";

    internal static IGitObjects For(string root) => Named(root, Name);

    /// <summary>The named back-end ("cli" or "libgit2") for this repository, whatever the process uses.</summary>
    internal static IGitObjects Named(string root, string backend) => backend == "cli" ? new CliGitObjects(root) : new LibGit2Objects(root);

    private static bool LibGit2Available()
    {
        try
        {
            _ = LibGit2Sharp.GlobalSettings.Version.Features; // loads the native library
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or TypeInitializationException or BadImageFormatException)
        {
            return false;
        }
    }
}
