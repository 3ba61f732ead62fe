using Otto.Cli.Output;

namespace Otto.Tests.Output;

/// <summary>issue 8 #9: every line otto prints loses the terminal control sequences in it, however the
/// text arrives (a sequence cut between two writes is still recognized).</summary>
public sealed class SanitizingWriterTests
{
    [Fact]
    public void A_sequence_split_across_writes_is_removed_whole()
    {
        var target = new StringWriter();
        using var writer = new SanitizingWriter(target);

        writer.Write("before \u001b]0;new ti");
        writer.Write("tle\u0007\u001b[");
        writer.WriteLine("31mred\u001b[0m");
        writer.Write('x');
        writer.Write(new[] { '\u001b', '[', '2', 'J', 'y', '\n' }, 0, 6);

        Assert.Equal("before red\nxy\n", target.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    [Fact]
    public void A_partial_line_goes_out_on_flush()
    {
        var target = new StringWriter();
        var writer = SanitizingWriter.Over(target);

        writer.Write("no newline yet \u001b[1mbold");
        Assert.Equal("", target.ToString());
        writer.Flush();

        Assert.Equal("no newline yet bold", target.ToString());
    }
}
