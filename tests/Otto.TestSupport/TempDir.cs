namespace Otto.Tests;

/// <summary>A fresh temp folder, deleted on dispose.</summary>
public sealed class TempDir : IDisposable
{
    /// <param name="prefix">A name prefix in the temp folder, or an absolute path prefix ("/dev/shm/x-").</param>
    public TempDir(string prefix = "otto-unit-") =>
        Path = System.IO.Path.IsPathRooted(prefix) ? CreateUnder(prefix) : Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    public string File(string relative) => System.IO.Path.Combine(Path, relative);

    public string Write(string relative, string content)
    {
        var path = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public string WriteBytes(string relative, byte[] content)
    {
        var path = File(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    private static string CreateUnder(string pathPrefix)
    {
        var path = pathPrefix + Guid.NewGuid().ToString("N")[..12];
        Directory.CreateDirectory(path);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a child process may still hold a file; the OS temp cleaner gets it
        }
    }
}
