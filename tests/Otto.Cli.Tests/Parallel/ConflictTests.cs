namespace Otto.Tests.Parallel;

/// <summary>
/// Two tasks that run at once and both change shared.txt (allowed by `ownership: warn`): the later one's
/// merge conflicts, and a fix attempt of that task resolves it, or the run fails naming the paths.
/// </summary>
public sealed class ConflictTests
{
    private static List<TaskSpec> Tasks(string secondAttempt) =>
    [
        new TaskSpec("first", Sleep: 0.2) { ExtraFiles = { ["shared.txt"] = "from first\n" } },
        new TaskSpec("second", Sleep: 1.5) { ExtraFiles = { ["shared.txt"] = "from second\n" }, LaterAttempts = [secondAttempt] },
    ];

    [Fact]
    public async Task A_textual_conflict_is_fixed_by_a_fix_attempt_that_sees_both_sides()
    {
        const string resolution = "files: { shared.txt: \"from first\\nfrom second\\n\" }\nstatus: { outcome: success, summary: merged both }";
        using var run = new ParallelRepo(Tasks(resolution), concurrency: 2, "ownership: warn");

        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "build", "conflicting tasks");

        Assert.True(result.ExitCode == 0, result.ToString());
        var branch = $"otto/{run.RunId}";
        Assert.Equal("from first\nfrom second\n", run.Repo.Show(branch, "shared.txt"));
        Assert.Equal("first\n", run.Repo.Show(branch, "out/first.txt"));
        Assert.Equal("second\n", run.Repo.Show(branch, "out/second.txt"));
        var conflict = Assert.Single(run.Events("merge_conflict"));
        Assert.Equal("second", (string?)conflict["task"]);
        Assert.Contains("shared.txt", conflict["data"]!["paths"]!.AsArray().Select(p => (string?)p));
        var prompt = File.ReadAllText(Path.Combine(run.RunDir, "tasks", "second", "attempt-2", "prompt.md"));
        Assert.Contains("conflicts with work already merged", prompt, StringComparison.Ordinal);
        Assert.Contains("`shared.txt`", prompt, StringComparison.Ordinal);
        // The worktree had the merge started before the agent ran, and the prompt shows both sides.
        Assert.Equal(2, run.AttemptFolders("second"));
        Assert.Contains("Both sides in `shared.txt`", prompt, StringComparison.Ordinal);
        var sides = prompt[prompt.IndexOf("<<<<<<< ", StringComparison.Ordinal)..];
        var ours = sides.IndexOf("from second", StringComparison.Ordinal);
        var middle = sides.IndexOf("=======", StringComparison.Ordinal);
        var theirs = sides.IndexOf("from first", StringComparison.Ordinal);
        Assert.True(ours >= 0 && middle > ours && theirs > middle, prompt); // ours, then the merged work
        Assert.Contains(">>>>>>> ", sides, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unfixable_conflict_ends_with_cause_conflict_naming_the_paths()
    {
        const string doesNothing = "status: { outcome: success, summary: left it alone }";
        using var run = new ParallelRepo(Tasks(doesNothing), concurrency: 2, "ownership: warn\nlimits: { max_attempts: 2 }");

        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "build", "conflicting tasks");

        Assert.Equal(1, result.ExitCode);
        var final = run.Final();
        Assert.Equal("failed", (string?)final["status"]);
        Assert.Equal("conflict", (string?)final["cause"]!["kind"]);
        Assert.Equal("second", (string?)final["cause"]!["task"]);
        Assert.Contains("shared.txt", (string?)final["reason"], StringComparison.Ordinal);
        // The work that did land stays landed.
        Assert.Equal("from first\n", run.Repo.Show($"otto/{run.RunId}", "shared.txt"));
    }
}
