using System.Runtime.InteropServices;

namespace Otto.Platform;

/// <summary>mkdir(2), which fails when the folder exists; Directory.CreateDirectory does not, so it cannot reserve.</summary>
internal static partial class Mkdir
{
    private const int ErrorExists = 17;

    [LibraryImport("libc", EntryPoint = "mkdir", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Native(string path, int mode);

    public static bool TryCreate(string path)
    {
        if (Native(path, Convert.ToInt32("755", 8)) == 0) return true;
        var errno = Marshal.GetLastPInvokeError();
        if (errno == ErrorExists) return false;
        throw new IOException($"could not create {path} (errno {errno})");
    }
}
