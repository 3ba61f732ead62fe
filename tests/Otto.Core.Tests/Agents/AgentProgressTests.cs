using Otto.Agents;

namespace Otto.Tests.Agents;

/// <summary>
/// The watcher's view of a running agent, on real files written a piece at a time: only stream lines that
/// are not errors or retries are progress; what the agent reported since is its trouble.
/// </summary>
public sealed class AgentProgressTests : IDisposable
{
    private const string Started = """{"type":"thread.started","thread_id":"t1"}""";
    private const string Reconnecting = """{"type":"error","message":"Reconnecting... 2/5 (stream disconnected before completion: failed to lookup address information: Name does not resolve)"}""";
    private const string Waiting = """{"type":"error","message":"Reconnecting... waiting for network (Connection failed: error sending request)"}""";
    private const string Message = """{"type":"item.completed","item":{"id":"item_1","type":"agent_message","text":"Done."}}""";

    private readonly string _dir = Directory.CreateTempSubdirectory("otto-progress-").FullName;
    private readonly AttemptFiles _files;
    private readonly DateTimeOffset _start = DateTimeOffset.UtcNow.AddMinutes(-10);

    public AgentProgressTests() => _files = new AttemptFiles(_dir);

    [Fact]
    public void Retries_and_errors_do_not_move_progress_but_become_the_trouble()
    {
        var progress = new AgentProgress(_files, CodexStreamParser.Parse, _start);
        Write(_files.Stdout, Started, at: _start.AddMinutes(1));
        progress.Poll();
        Assert.Equal(_start.AddMinutes(1), progress.LastProgressAt);
        Assert.Null(progress.Trouble);

        Write(_files.Stdout, Reconnecting + "\n" + Waiting, at: _start.AddMinutes(5));
        progress.Poll();

        Assert.Equal(_start.AddMinutes(1), progress.LastProgressAt);
        Assert.Equal("Reconnecting... waiting for network (Connection failed: error sending request)", progress.Trouble?.Text);
        Assert.Equal(progress.Trouble?.Text, progress.NetworkTrouble());
    }

    [Fact]
    public void A_meaningful_event_is_progress_and_clears_the_trouble()
    {
        var progress = new AgentProgress(_files, CodexStreamParser.Parse, _start);
        Write(_files.Stdout, Started + "\n" + Waiting, at: _start.AddMinutes(1));
        progress.Poll();
        Write(_files.Stdout, Message, at: _start.AddMinutes(3));
        progress.Poll();

        Assert.Equal(_start.AddMinutes(3), progress.LastProgressAt);
        Assert.Null(progress.Trouble);
        Assert.Null(progress.NetworkTrouble());
    }

    [Fact]
    public void Stderr_is_never_progress_but_its_network_line_is_trouble()
    {
        var progress = new AgentProgress(_files, GeminiStreamParser.Parse, _start);
        Write(_files.Stdout, """{"type":"init","session_id":"s","model":"auto"}""", at: _start.AddMinutes(1));
        Write(_files.Stderr, "Attempt 1 failed. Retrying with backoff... Error: exception TypeError: fetch failed sending request\n    at file:///x/chunk.js:1:2", at: _start.AddMinutes(4));
        progress.Poll();

        Assert.Equal(_start.AddMinutes(1), progress.LastProgressAt);
        Assert.Equal("Attempt 1 failed. Retrying with backoff... Error: exception TypeError: fetch failed sending request", progress.NetworkTrouble());
    }

    [Fact]
    public void Without_a_stream_parser_any_output_is_progress()
    {
        var progress = new AgentProgress(_files, null, _start);
        Write(_files.Stderr, "working...", at: _start.AddMinutes(2));
        progress.Poll();

        Assert.Equal(_start.AddMinutes(2), progress.LastProgressAt);
        Assert.Null(progress.NetworkTrouble());
    }

    [Fact]
    public void A_line_still_being_written_waits_for_its_end()
    {
        var follower = new LineFollower(_files.Stdout);
        File.WriteAllText(_files.Stdout, "{\"a\":1}\n{\"b\":");
        Assert.Equal(["{\"a\":1}"], follower.NewLines());
        Assert.Equal("{\"b\":", follower.Pending);

        File.AppendAllText(_files.Stdout, "2}\r\nné\n");
        Assert.Equal(["{\"b\":2}", "né"], follower.NewLines());
        Assert.Null(follower.Pending);
        Assert.Empty(follower.NewLines());
    }

    [Fact]
    public void A_line_longer_than_the_maximum_is_skipped_not_held()
    {
        var follower = new LineFollower(_files.Stdout, maxLineChars: 10);
        File.WriteAllText(_files.Stdout, "short\n" + new string('x', 50));
        Assert.Equal(["short"], follower.NewLines());
        File.AppendAllText(_files.Stdout, new string('y', 50) + "\nafter\n");

        Assert.Equal(["after"], follower.NewLines());
    }

    private static void Write(string path, string lines, DateTimeOffset at)
    {
        File.AppendAllText(path, lines + "\n");
        File.SetLastWriteTimeUtc(path, at.UtcDateTime);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
