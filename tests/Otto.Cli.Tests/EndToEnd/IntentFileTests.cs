using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// A long intent comes from a file (`--intent-file`) and is stored once: run.json has it whole, every other
/// record of the run folder its first part, and the agents get all of it in their `.ai/context.md`.
/// </summary>
public sealed class IntentFileTests
{
    [Fact]
    public async Task A_long_intent_from_a_file_is_stored_once_and_reaches_the_agent_whole()
    {
        using var copies = new TempDir();
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork(extra: $"run: [\"cp \\\"$OTTO_CONTEXT_FILE\\\" '{copies.Path}/context.md'\"]")));
        // 300 KiB of specification; the last line is only in the part past the summary.
        var lines = Enumerable.Range(1, 6000).Select(i => $"requirement {i:00000}: the library behaves as described here").ToList();
        lines.Add("the very last requirement: THE-END-OF-THE-SPEC");
        var spec = string.Join('\n', lines);
        var file = copies.Write("spec.md", spec + "\n");

        var result = await project.OttoAsync("build", "--intent-file", file);

        Assert.True(result.ExitCode == 0, result.ToString());
        var run = project.SingleRun();
        var holders = Directory.GetFiles(run.Dir, "*", SearchOption.AllDirectories)
            .Where(f => File.ReadAllText(f).Contains("THE-END-OF-THE-SPEC", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(run.Dir, f)).ToList();
        Assert.Equal(["run.json"], holders);
        var folderBytes = Directory.GetFiles(run.Dir, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.True(folderBytes < spec.Length * 3 / 2, $"the run folder has {folderBytes} bytes for an intent of {spec.Length}");
        Assert.StartsWith("requirement 00001:", (string?)run.Final["intent"], StringComparison.Ordinal);
        Assert.Contains("the whole intent is in run.json", (string?)run.Final["intent"], StringComparison.Ordinal);
        Assert.Contains("THE-END-OF-THE-SPEC", File.ReadAllText(copies.File("context.md")), StringComparison.Ordinal);
        Assert.Contains(".ai/context.md", run.StageFile("plan", 1, "prompt.md"), StringComparison.Ordinal);
    }
}
