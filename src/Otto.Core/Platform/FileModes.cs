namespace Otto.Platform;

/// <summary>Unix permission bits, where they exist (git hooks run only when executable).</summary>
public static class FileModes
{
    private const UnixFileMode AnyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public static bool IsExecutable(string path) =>
        File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & AnyExecute) != 0);

    /// <summary>Opens a file that, when this creates it, only its owner may read and write (0600).</summary>
    public static FileStream OpenPrivate(string path, FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        return new FileStream(path, options);
    }

    /// <summary>rwxr-xr-x, as git writes hooks.</summary>
    public static void MakeExecutable(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | AnyExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
    }
}
