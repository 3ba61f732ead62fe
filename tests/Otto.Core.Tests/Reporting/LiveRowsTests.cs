using Otto.Agents;
using Otto.Reporting;
using Otto.Secrets;

namespace Otto.Tests.Reporting;

/// <summary>The live view's "last line": what the agent said last, readable and without secrets.</summary>
public sealed class LiveRowsTests
{
    private const string Secret = "live-view-secret-4711";
    private static readonly Redactor Redactor = new([KeyValuePair.Create("SERVICE_API_KEY", (string?)Secret)]);

    [Fact]
    public void A_free_text_agent_shows_its_last_non_empty_line_redacted()
    {
        using var dir = new TempDir();
        var files = new AttemptFiles(dir.Path);
        File.WriteAllText(files.Stdout, $"starting\ncalling the service with {Secret}\n\n   \n");

        Assert.Equal("calling the service with [REDACTED]", LiveRows.LastLine(files, Redactor));
    }

    [Fact]
    public void An_agent_in_the_middle_of_printing_a_private_key_shows_no_line_of_it()
    {
        using var dir = new TempDir();
        var files = new AttemptFiles(dir.Path);
        var cut = FakeSecrets.PrivateKey.Split('\n')[..3]; // BEGIN and two body lines so far
        File.WriteAllText(files.Stdout, "here is the key\n" + string.Join('\n', cut) + "\n");

        Assert.Equal("[REDACTED]", LiveRows.LastLine(files, Redactor));
    }

    [Fact]
    public void A_streaming_agent_shows_its_last_line_rendered_not_raw_json()
    {
        using var dir = new TempDir();
        var files = new AttemptFiles(dir.Path);
        File.WriteAllText(files.Invocation, """{"provider":"claude"}""");
        var assistant = $$"""{"type":"assistant","message":{"id":"m1","type":"message","role":"assistant","content":[{"type":"text","text":"Now I export TOKEN {{Secret}} and run the tests"}]},"session_id":"s1"}""";
        // A tool result line longer than the 4 KB a free-text tail reads: the stream tail must still be found.
        var bigResult = $$"""{"type":"user","message":{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"{{new string('x', 9000)}}"}]},"session_id":"s1"}""";
        File.WriteAllText(files.Stdout, bigResult + "\n" + assistant + "\n");

        var line = LiveRows.LastLine(files, Redactor);

        Assert.Equal("assistant: Now I export TOKEN [REDACTED] and run the tests", line);
    }

    [Fact]
    public void No_output_yet_is_an_empty_line()
    {
        using var dir = new TempDir();

        Assert.Equal("", LiveRows.LastLine(new AttemptFiles(dir.Path), Redactor));
    }
}
