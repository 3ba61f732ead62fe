using Otto.MergeGates;

namespace Otto.Tests.MergeGates;

public sealed class AddedLinesTests
{
    [Fact]
    public void Added_lines_are_read_per_file_with_their_line_numbers_in_the_new_file()
    {
        string[] diff =
        [
            "diff --git a/src/app.py b/src/app.py",
            "index 1111111..2222222 100644",
            "--- a/src/app.py",
            "+++ b/src/app.py",
            "@@ -3 +3,2 @@ def main():",
            "-    old()",
            "+    new()",
            "+++ not a header: an added line that starts with ++",
            "@@ -10,0 +12 @@",
            "+# end",
            "\\ No newline at end of file",
            "diff --git a/gone.txt b/gone.txt",
            "deleted file mode 100644",
            "--- a/gone.txt",
            "+++ /dev/null",
            "@@ -1 +0,0 @@",
            "-bye",
            "diff --git \"a/we\\\"ird \\303\\251.txt\" \"b/we\\\"ird \\303\\251.txt\"",
            "new file mode 100644",
            "--- /dev/null",
            "+++ \"b/we\\\"ird \\303\\251.txt\"",
            "@@ -0,0 +1 @@",
            "+hello",
        ];

        var runs = AddedLines.Parse(diff).Select(r => $"{r.Path}:{r.FirstLine}: {string.Join(" | ", r.Lines)}").ToList();

        Assert.Equal(
            [
                "src/app.py:3:     new() | ++ not a header: an added line that starts with ++",
                "src/app.py:12: # end",
                "we\"ird é.txt:1: hello",
            ],
            runs);
    }

    [Fact]
    public void A_long_run_of_added_lines_comes_in_pieces_that_keep_counting()
    {
        var diff = new[] { "diff --git a/big b/big", "+++ b/big", "@@ -0,0 +1,5000 @@" }
            .Concat(Enumerable.Range(1, 5000).Select(i => $"+line {i}"));

        var runs = AddedLines.Parse(diff).ToList();

        Assert.Equal([1, 2001, 4001], runs.Select(r => r.FirstLine));
        Assert.Equal("line 2001", runs[1].Lines[0]);
        Assert.Equal(5000, runs.Sum(r => r.Lines.Count));
    }
}
