using Otto.Engine;
using Otto.Runs;

namespace Otto.Tests.Engine;

/// <summary>Where leftover agents are looked for: every attempt folder, and each best-of variant's inside it.</summary>
public sealed class LeftoverProcessFoldersTests
{
    [Fact]
    public void The_folders_of_best_of_variants_are_searched_like_attempt_folders()
    {
        using var dir = new TempDir();
        var paths = new RunPaths(dir.Path);
        Directory.CreateDirectory(paths.AttemptDir("api", 1));
        Directory.CreateDirectory(Path.Combine(paths.AttemptDir("ui", 2), "variant-1"));
        Directory.CreateDirectory(Path.Combine(paths.AttemptDir("ui", 2), "variant-2"));
        Directory.CreateDirectory(paths.StageAttemptDir(Stage.Plan, 1));

        var found = LeftoverProcesses.AttemptFolders(paths).Select(f => Path.GetRelativePath(dir.Path, f.Dir)).Order(StringComparer.Ordinal);

        Assert.Equal(["stages/plan/attempt-1", "tasks/api/attempt-1", "tasks/ui/attempt-2", "tasks/ui/attempt-2/variant-1", "tasks/ui/attempt-2/variant-2"], found);
    }
}
