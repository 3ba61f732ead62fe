using System.Text;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// issue 11, context.md in every worktree: each attempt's agent finds `.ai/context.md` through
/// OTTO_CONTEXT_FILE, with the task's place (what it depends on, the tasks running beside it and their
/// worktrees), what earlier tasks of the run learned and the repository's learnings, bounded to 16 KiB by
/// leaving whole older entries out; it is never committed. The agents copy what they were given.
/// </summary>
public sealed class AgentContextFileTests
{
    // Copies the context this attempt was given, notes its worktree, then waits (a minute at most) until the
    // other task has its copy too, so that both run at the same time.
    private const string CopyContext = """
        #!/bin/sh
        copies=$1; other=$2
        cp "$OTTO_CONTEXT_FILE" "$copies/$OTTO_TASK_ID-$OTTO_ATTEMPT.md"
        printf '%s' "$OTTO_WORKTREE" > "$copies/$OTTO_TASK_ID.worktree"
        [ -z "$other" ] && exit 0
        i=0
        while [ ! -e "$copies/$other-1.md" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done

        """;

    private const string LearningsPath = "docs/learnings.md";

    private static string Scenario(string copies) => $$"""
        plan:
          summary: two halves side by side, then the whole
          tasks:
            - { id: left, title: The left half, role: feature, depends_on: [], owned_paths: ["left/**", tests/test_left.sh] }
            - { id: right, title: The right half, role: feature, depends_on: [], owned_paths: ["right/**", tests/test_right.sh] }
            - { id: whole, title: The whole, role: integration, depends_on: [left, right], owned_paths: ["whole/**", tests/test_whole.sh] }
        tasks:
          left:
            - files: { left/l.sh: "echo l\n", tests/test_left.sh: "echo 'left: expected l, got nothing'; exit 1\n" }
              run: ["sh ./copy-context.sh '{{copies}}' right"]
              status: { outcome: success }
            - files: { tests/test_left.sh: "[ -f left/l.sh ]\n" }
              run: ["sh ./copy-context.sh '{{copies}}' right"]
              status: { outcome: success }
          right:
            - files: { right/r.sh: "echo r\n", tests/test_right.sh: "[ -f right/r.sh ]\n" }
              run: ["sh ./copy-context.sh '{{copies}}' left"]
              status: { outcome: success, learnings: ["The right half prints r."] }
          whole:
            - files: { whole/w.sh: "echo w\n", tests/test_whole.sh: "[ -f whole/w.sh ]\n" }
              run: ["sh ./copy-context.sh '{{copies}}'"]
              status: { outcome: success }

        """;

    /// <summary>A learnings file of about 40 KiB: 40 runs' sections of 10 entries each.</summary>
    private static string BigLearnings()
    {
        var text = new StringBuilder("# Learnings\n\n");
        for (var run = 1; run <= 40; run++)
        {
            text.Append($"## 202601{run:00}-000000-abcd: older run {run}\n\n");
            for (var entry = 1; entry <= 10; entry++)
                text.Append($"- [old] run {run} entry {entry}: a fact about the repository that is long enough to count for something\n");
            text.Append('\n');
        }
        return text.ToString();
    }

    [Fact]
    public async Task Every_attempt_gets_a_bounded_context_with_its_place_and_siblings_that_is_never_committed()
    {
        using var copies = new TempDir();
        var learnings = BigLearnings();
        using var project = OttoProject.Create(
            Scenario(copies.Path), extraYaml: $"learnings:\n  path: {LearningsPath}\n",
            files: new Dictionary<string, string> { ["copy-context.sh"] = CopyContext, [LearningsPath] = learnings });

        var build = await project.BuildAsync("two halves and the whole");

        Assert.True(build.ExitCode == 0, build.ToString());
        var run = project.SingleRun();
        Assert.Equal(2, run.AttemptCount("left"));
        string[] given = ["left-1", "left-2", "right-1", "whole-1"];
        foreach (var name in given) Assert.True(File.Exists(copies.File(name + ".md")), $"attempt {name} had no context file");
        var contexts = given.ToDictionary(n => n, n => File.ReadAllText(copies.File(n + ".md")));

        var fileLines = learnings.Split('\n').ToHashSet(StringComparer.Ordinal);
        foreach (var (name, context) in contexts)
        {
            Assert.True(Encoding.UTF8.GetByteCount(context) <= 16_384, $"{name}: {Encoding.UTF8.GetByteCount(context)} bytes");
            Assert.Contains($"Run `{run.Id}`, stage `", context, StringComparison.Ordinal);
            Assert.Contains("two halves and the whole", context, StringComparison.Ordinal);
            Assert.Contains("two halves side by side, then the whole", context, StringComparison.Ordinal);
            // The repository's learnings: the newest whole, older ones left out and said so, no line cut.
            Assert.Contains("- [old] run 40 entry 10: a fact about the repository that is long enough to count for something\n", context, StringComparison.Ordinal);
            Assert.DoesNotContain("- [old] run 1 entry 1:", context, StringComparison.Ordinal);
            Assert.Contains($"older ones are left out here; {LearningsPath} has them all", context, StringComparison.Ordinal);
            Assert.All(context.Split('\n').Where(l => l.StartsWith("- [old]", StringComparison.Ordinal)), l => Assert.Contains(l, fileLines));
        }

        Assert.Contains("Task `left` (The left half), role feature", contexts["left-1"], StringComparison.Ordinal);
        Assert.Contains(", attempt 2.", contexts["left-2"], StringComparison.Ordinal);
        Assert.Contains("Waiting for it: `whole`.", contexts["left-1"], StringComparison.Ordinal);
        Assert.Contains("Depends on: `left` (merged), `right` (merged).", contexts["whole-1"], StringComparison.Ordinal);
        Assert.Contains("- [right] The right half prints r.", contexts["whole-1"], StringComparison.Ordinal);

        // Whichever of left and right started second saw the other running, with the worktree it ran in.
        var leftBeside = Sibling(contexts["left-1"], "right", "`right/**`, `tests/test_right.sh`", copies.File("right.worktree"));
        var rightBeside = Sibling(contexts["right-1"], "left", "`left/**`, `tests/test_left.sh`", copies.File("left.worktree"));
        Assert.True(leftBeside || rightBeside, "neither half's context named the other running beside it:\n" + contexts["left-1"] + "\n---\n" + contexts["right-1"]);

        foreach (var branch in new[] { run.IntegrationBranch, run.TaskBranch("left"), run.TaskBranch("right"), run.TaskBranch("whole") })
        {
            var tracked = project.Repo.TryGit("ls-tree", "-r", "--name-only", branch);
            if (!tracked.Ok) continue; // a merged task's branch may be gone
            Assert.DoesNotContain(".ai/", tracked.Stdout, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(".ai/", project.Repo.Git("log", "--name-only", "--format=", $"main..{run.IntegrationBranch}"), StringComparison.Ordinal);
    }

    private static bool Sibling(string context, string other, string owns, string worktreeFile) =>
        context.Contains("Running now beside it", StringComparison.Ordinal) &&
        context.Contains($"- `{other}` (The {other} half): owns {owns}; worktree `{File.ReadAllText(worktreeFile)}`", StringComparison.Ordinal);
}
