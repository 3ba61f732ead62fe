namespace Otto.Platform;

/// <summary>Unix permission bits, where they exist (git hooks run only when executable).</summary>
public static class FileModes
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & AnyExecute) != 0);

    /// <summary>rwxr-xr-x, as git writes hooks.</summary>
    public static void MakeExecutable(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | AnyExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }
}
