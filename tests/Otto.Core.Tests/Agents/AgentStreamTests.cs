using Otto.Agents;

namespace Otto.Tests.Agents;

public sealed class AgentStreamTests : IDisposable
{
    private readonly string _dir = TestEnvironment.NewTempDir("otto-stream-");

    [Fact]
    public void Lines_are_read_one_by_one_and_an_overlong_line_is_skipped()
    {
        var path = Path.Combine(_dir, "stdout.log");
        File.WriteAllText(path, "first\r\n" + new string('x', 300) + "\nthird\nlast without newline");

        Assert.Equal(["first", "third", "last without newline"], AgentStream.Lines(path, maxLineChars: 100));
        Assert.Equal(4, AgentStream.Lines(path).Count());
    }

    [Fact]
    public void A_missing_file_has_no_lines_and_no_tail()
    {
        Assert.Empty(AgentStream.Lines(Path.Combine(_dir, "none.log")));
        Assert.Equal("", AgentStream.Tail(Path.Combine(_dir, "none.log")));
    }

    [Fact]
    public void The_tail_keeps_the_end_of_a_long_file()
    {
        var path = Path.Combine(_dir, "stderr.log");
        File.WriteAllText(path, new string('a', 10_000) + "the end\n");

        var tail = AgentStream.Tail(path, 50);
        Assert.Equal(50, tail.Length);
        Assert.EndsWith("the end", tail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_large_stream_is_summarized_without_holding_it()
    {
        var path = Path.Combine(_dir, "big.log");
        using (var writer = new StreamWriter(path))
        {
            writer.WriteLine("""{"type":"thread.started","thread_id":"big"}""");
            for (var i = 0; i < 20_000; i++)
            {
                writer.WriteLine($$$"""{"type":"item.started","item":{"id":"item_{{{i}}}","type":"command_execution","command":"echo {{{i}}}","aggregated_output":"","exit_code":null,"status":"in_progress"}}""");
                writer.WriteLine($$$"""{"type":"item.completed","item":{"id":"item_{{{i}}}","type":"command_execution","command":"echo {{{i}}}","aggregated_output":"{{{i}}}\n","exit_code":0,"status":"completed"}}""");
            }
            writer.WriteLine("""{"type":"turn.completed","usage":{"input_tokens":10,"cached_input_tokens":0,"output_tokens":5}}""");
        }

        var summary = AgentStream.Summarize(path, CodexStreamParser.Parse);
        Assert.Equal("big", summary.SessionId);
        Assert.Equal(20_000, summary.Turns);
        Assert.NotNull(summary.Final);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
