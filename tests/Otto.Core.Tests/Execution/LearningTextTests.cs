using Otto.Execution;

namespace Otto.Tests.Execution;

/// <summary>issue 9 #17: the same learning, however an agent spells it again, is stored once.</summary>
public sealed class LearningTextTests
{
    [Theory]
    [InlineData("Use POSIX sh only.", "use posix sh only")]
    [InlineData("  use   posix\tsh only ", "use posix sh only")]
    [InlineData("- [lib] Use POSIX sh only", "use posix sh only")]
    [InlineData("- [app] - [lib] USE POSIX SH ONLY...", "use posix sh only")]
    [InlineData("[x]marks the spot", "[x]marks the spot")]
    public void Spellings_of_one_learning_are_equal(string line, string normalized) =>
        Assert.Equal(normalized, LearningText.Normalize(line));

    [Fact]
    public void Context_md_keeps_the_first_spelling_once()
    {
        using var dir = new TempDir();
        var path = dir.File("context.md");

        ContextFile.Add(path, "lib", ["Use POSIX sh only.", "use posix sh  only", "Tests live in tests/"]);
        ContextFile.Add(path, "app", ["USE POSIX SH ONLY", "Tests live in tests/."]);
        ContextFile.Add(path, "app", ["The app prints a greeting"]);

        Assert.Equal("- [lib] Use POSIX sh only.\n- [lib] Tests live in tests/\n- [app] The app prints a greeting", ContextFile.Read(path));
    }
}
