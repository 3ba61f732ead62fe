namespace Otto.Tests.Support;

/// <summary>Files of this repository (schemas, examples), found by walking up from the test binaries to GitOtto.sln.</summary>
public static class RepoFiles
{
    private static readonly Lazy<string> RootDir = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "GitOtto.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"GitOtto.sln was not found above {AppContext.BaseDirectory}");
    });

    public static string Root => RootDir.Value;

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);
}
