using System.Globalization;

namespace Otto.Bench.Support;

/// <summary>A git repository on `main` with a fixed local author and N small tracked files.</summary>
public static class SampleRepo
{
    public static string Create(string dir, int files, IReadOnlyDictionary<string, string>? extra = null)
    {
        Directory.CreateDirectory(dir);
        Proc.Git(dir, "init", "--quiet", "--initial-branch=main");
        Proc.Git(dir, "config", "user.name", "Otto Bench");
        Proc.Git(dir, "config", "user.email", "bench@example.invalid");
        Proc.Git(dir, "config", "commit.gpgsign", "false");
        File.WriteAllText(Path.Combine(dir, "README.md"), "# benchmark repository\n");
        for (var i = 0; i < files; i++)
        {
            var path = Path.Combine(dir, "src", $"module{i / 50:00}", string.Create(CultureInfo.InvariantCulture, $"file{i:0000}.txt"));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"file {i}\n{new string('.', 64 + i % 256)}\n"));
        }
        foreach (var (relative, content) in extra ?? new Dictionary<string, string>())
        {
            var path = Path.Combine(dir, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
        }
        Proc.Git(dir, "add", "--all");
        Proc.Git(dir, "commit", "--quiet", "--no-verify", "-m", "sample repository");
        return dir;
    }
}
