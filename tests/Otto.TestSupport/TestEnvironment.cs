namespace Otto.Tests;

/// <summary>
/// Isolates every test process from the developer's machine: no global or system git config (a user's
/// commit.gpgsign or hooksPath must not leak in), and otto's worktrees under a temp state folder.
/// </summary>
public static class TestEnvironment
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var root = Directory.CreateTempSubdirectory("otto-tests-").FullName;
        Environment.SetEnvironmentVariable("GIT_CONFIG_GLOBAL", "/dev/null");
        Environment.SetEnvironmentVariable("GIT_CONFIG_NOSYSTEM", "1");
        Environment.SetEnvironmentVariable("XDG_STATE_HOME", Path.Combine(root, "state"));
        Environment.SetEnvironmentVariable("NO_COLOR", "1");
        return root;
    });

    /// <summary>A temp folder shared by this test process; call before any git or otto code runs.</summary>
    public static string Ensure() => Root.Value;

    public static string NewTempDir(string prefix) => Directory.CreateTempSubdirectory(prefix).FullName;
}
