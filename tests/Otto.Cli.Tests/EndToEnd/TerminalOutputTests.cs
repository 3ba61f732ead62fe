using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// issue 9 #14 and issue 8 #9: an agent and a test suite that print colours, a window title and "clear
/// screen". The files on disk keep every byte; stored reasons, the fix prompt, every line otto prints and
/// `otto logs` carry none of it; `otto logs --raw` prints the bytes as they were written.
/// </summary>
public sealed class TerminalOutputTests
{
    private const string Noisy = """
        run: ["printf '\\033]0;pwned title\\007\\033[2J\\033[31mred agent line\\033[0m\\n'"]
        files: { "tests/test_work.sh": "printf '\\033[31mFAIL\\033[0m sum: expected 6, got 3\\n'; printf '\\033]0;test title\\007'; exit 1\n" }
        status: { outcome: success }
        """;

    private const string Fix = """
        output: [fixed]
        files: { "tests/test_work.sh": "exit 0\n" }
        status: { outcome: success }
        """;

    [Fact]
    public async Task Control_sequences_stay_in_the_files_and_nowhere_else()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Noisy, Fix));

        var build = await project.BuildAsync();

        Assert.True(build.ExitCode == 0, build.ToString());
        var run = project.SingleRun();
        AssertClean(build.Stderr + build.Stdout, "the build's console output");
        Assert.Contains("\u001b]0;pwned title\u0007", run.AttemptFile("work", 1, "stdout.log"), StringComparison.Ordinal);
        Assert.Contains("\u001b[31mFAIL\u001b[0m sum: expected 6, got 3", run.AttemptFile("work", 1, "verify-1.log"), StringComparison.Ordinal);

        var failed = Assert.Single(run.EventsOf("attempt_failed", "work"));
        var reason = (string)failed["data"]!["reason"]!;
        Assert.Contains("FAIL sum: expected 6, got 3", reason, StringComparison.Ordinal);
        AssertClean(reason, "the stored reason");
        var prompt = run.AttemptFile("work", 2, "prompt.md");
        Assert.Contains("FAIL sum: expected 6, got 3", prompt, StringComparison.Ordinal);
        AssertClean(prompt, "the fix prompt");

        var logs = await project.OttoAsync("logs", run.Id, "work", "--attempt", "1");
        var events = await project.OttoAsync("logs");
        var raw = await project.OttoAsync("logs", run.Id, "work", "--attempt", "1", "--raw");

        Assert.True(logs.ExitCode == 0, logs.ToString());
        Assert.Contains("red agent line", logs.Stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL sum: expected 6, got 3", logs.Stdout, StringComparison.Ordinal);
        AssertClean(logs.Stdout, "otto logs");
        Assert.Contains("attempt 1 failed (verification)", events.Stdout, StringComparison.Ordinal);
        AssertClean(events.Stdout, "otto logs of the run");
        Assert.True(raw.ExitCode == 0, raw.ToString());
        Assert.Contains("\u001b]0;pwned title\u0007\u001b[2J\u001b[31mred agent line\u001b[0m", raw.Stdout, StringComparison.Ordinal);
    }

    private static void AssertClean(string text, string where)
    {
        var control = text.FirstOrDefault(c => c is < ' ' and not '\n' and not '\t' or >= '\u007f' and <= '\u009f');
        Assert.True(control == default, $"{where} holds control character U+{(int)control:X4}:\n{text}");
    }
}
