using Otto.Git;
using Otto.MergeGates;

namespace Otto.Tests.Git;

/// <summary>Lines as git counts them: ended by a line feed only, whatever the size of the reads.</summary>
public sealed class GitLinesTests
{
    [Theory]
    [InlineData("a\nb\n", new[] { "a", "b" })]
    [InlineData("a\r\nb\r\n", new[] { "a", "b" })]
    [InlineData("a\rb\nc", new[] { "a\rb", "c" })]
    [InlineData("last\r", new[] { "last" })]
    [InlineData("\n\nx", new[] { "", "", "x" })]
    [InlineData("", new string[0])]
    public void Splits_on_line_feeds_and_drops_one_carriage_return_before_them(string text, string[] lines) =>
        Assert.Equal(lines, GitLines.Split(new StringReader(text)));

    [Fact]
    public void A_line_longer_than_a_read_and_a_break_at_a_read_boundary_are_whole()
    {
        var longLine = new string('x', 40_000);
        var boundary = new string('y', 16 * 1024 - 1) + "\r\n" + "z";

        Assert.Equal([longLine, "tail"], GitLines.Split(new StringReader(longLine + "\ntail\n")));
        Assert.Equal([new string('y', 16 * 1024 - 1), "z"], GitLines.Split(new StringReader(boundary)));
    }

    [Fact]
    public void A_new_file_is_one_run_from_line_1_in_pieces_of_at_most_MaxRunLines()
    {
        var text = string.Concat(Enumerable.Range(1, AddedLines.MaxRunLines + 5).Select(i => $"line {i}\n"));

        var runs = AddedLines.OfNewFile("big.txt", new StringReader(text)).ToList();

        Assert.Equal([1, AddedLines.MaxRunLines + 1], runs.Select(r => r.FirstLine));
        Assert.Equal("line 1", runs[0].Lines[0]);
        Assert.Equal($"line {AddedLines.MaxRunLines + 5}", runs[1].Lines[^1]);
        Assert.Empty(AddedLines.OfNewFile("empty.txt", new StringReader("")));
    }
}
