using System.Text;
using System.Text.Json;

namespace Otto.Tests.Events;

/// <summary>The hand reader of the commonest events' data reads what the serializer reads: every record
/// otto writes comes back equal, and data in any other form is either left to the serializer or read alike.</summary>
public sealed class HotEventReaderTests
{
    private static readonly EventBody[] Written =
    [
        new AttemptStarted(4242, 1234567, null),
        new AttemptStarted(-1, long.MaxValue, "3f23c048-2fc1-48af-a616-55db43f01360"),
        new TaskClaimed(new Owner("build-host", 4242, 99, "b658b5d733ca"), AttemptKind.Fix, true),
        new TaskClaimed(new Owner("hôte \"quoted\"\n", 1, 0, "t"), AttemptKind.Amend, false),
        new AttemptFinished(0, null, 522.213, "s", 0.7373m, new TokenCounts(244946, 7670, 74380), null, null),
        new AttemptFinished(null, "timeout", 0, null, null, null, "transient", "429 \u2014 slow down"),
        new AttemptFinished(137, "signal", 1e-3, null, 12345678.123456789m, new TokenCounts(), null, null),
        new StatusIngested(".ai/status.json", "success", "did it\twith tabs and \\ backslashes", null),
        new StatusIngested(null, null, null, "status.json: `outcome` is missing"),
        new ChangesCommitted("0123456789abcdef0123456789abcdef01234567", "fedcba9876543210fedcba9876543210fedcba98", true),
        new VerifyFinished(true),
        new VerifyFinished(false, "npm test", 1, true, "sig", ["verify-1.log", "verify-2.log"], PreExisting: true),
        new VerifyFinished(false, Logs: []),
        new AttemptFailed(FailureKind.Verification, "  Failed Tests.Case [498 ms]\n  Expected: 15\n  Actual:   16\n"),
        new AttemptFailed(FailureKind.Limit, "too long", "limit:attempt_timeout", new LimitHit("attempt_timeout", "30m"), "t1", true, "claude"),
        new AttemptFailed(FailureKind.Environment, null, Command: "pnpm"),
    ];

    public static TheoryData<int> Each => [.. Enumerable.Range(0, Written.Length)];

    [Theory]
    [MemberData(nameof(Each))]
    public void What_otto_writes_is_read_by_hand_as_the_serializer_reads_it(int index)
    {
        var body = Written[index];
        var data = JsonSerializer.SerializeToUtf8Bytes(body, EventCatalog.InfoOf(body));

        var byHand = ReadByHand(body.GetType(), data);

        Assert.NotNull(byHand);
        Assert.Equal(Json(Serializer(body.GetType(), data)), Json(byHand));
        Assert.Equal(Json(body), Json(byHand));
    }

    /// <summary>Other forms of the same data: each is read by hand to the serializer's record, or left to it.</summary>
    [Theory]
    [InlineData(typeof(AttemptStarted), """{"start_time":5,"pid":7}""", true)] // any order
    [InlineData(typeof(AttemptStarted), """ { "pid" : 7 , "start_time" : 5 , "session_id" : null } """, true)]
    [InlineData(typeof(AttemptStarted), """{"pid":7,"start_time":5,"extra":1}""", false)] // unknown name
    [InlineData(typeof(AttemptStarted), """{"\u0070id":7,"start_time":5}""", false)] // escaped name
    [InlineData(typeof(AttemptStarted), """{"pid":7,"pid":8,"start_time":5}""", false)] // duplicate
    [InlineData(typeof(AttemptStarted), """{"start_time":5}""", false)] // required field missing
    [InlineData(typeof(AttemptStarted), """{"pid":"7","start_time":5}""", false)] // a string for a number
    [InlineData(typeof(AttemptStarted), """{"pid":7.5,"start_time":5}""", false)]
    [InlineData(typeof(AttemptStarted), """{"pid":null,"start_time":5}""", false)]
    [InlineData(typeof(TaskClaimed), """{"owner":null,"kind":"execute","takeover":false}""", false)]
    [InlineData(typeof(TaskClaimed), """{"owner":{"host":"h","pid":1,"start_time":2},"kind":"fix","takeover":true}""", false)]
    [InlineData(typeof(TaskClaimed), """{"owner":{"host":"h","pid":1,"start_time":2,"token":"t"},"kind":"no such kind","takeover":true}""", true)]
    [InlineData(typeof(TaskClaimed), """{"owner":{"host":"h","pid":1,"start_time":2,"token":"t"},"kind":3,"takeover":true}""", false)]
    [InlineData(typeof(AttemptFinished), """{"duration_s":1,"tokens":{"input":1,"total":99}}""", true)] // total is derived
    [InlineData(typeof(AttemptFinished), """{"duration_s":1,"tokens":{"input":1,"extra":2}}""", false)]
    [InlineData(typeof(AttemptFinished), """{"exit_code":0}""", false)] // duration_s missing
    [InlineData(typeof(AttemptFinished), """{"duration_s":1,"cost_usd":"0.5"}""", false)]
    [InlineData(typeof(ChangesCommitted), """{"commit":"a","base":null,"changed":true}""", false)]
    [InlineData(typeof(ChangesCommitted), """{"commit":"a","base":"b","changed":1}""", false)]
    [InlineData(typeof(VerifyFinished), """{"passed":true,"logs":["a",null]}""", false)]
    [InlineData(typeof(VerifyFinished), """{"passed":true,"logs":"a"}""", false)]
    [InlineData(typeof(VerifyFinished), """{"passed":false,"logs":null,"pre_existing":false}""", true)]
    [InlineData(typeof(AttemptFailed), """{"kind":"verification","limit":{"name":"x"}}""", false)]
    [InlineData(typeof(AttemptFailed), """{"kind":"martian","reason":"r"}""", true)] // an unknown kind reads as internal
    [InlineData(typeof(AttemptFailed), """{"reason":"r"}""", false)]
    [InlineData(typeof(StatusIngested), """{}""", true)]
    public void Data_in_another_form_is_read_alike_or_left_to_the_serializer(Type type, string text, bool byHand)
    {
        var data = Encoding.UTF8.GetBytes(text);

        var read = ReadByHand(type, data);

        Assert.Equal(byHand, read is not null);
        if (read is not null) Assert.Equal(Json(Serializer(type, data)), Json(read));
        // And the whole line reads as the serializer alone reads it.
        var line = Encoding.UTF8.GetBytes($$"""{"seq":1,"ts":"2026-11-28T00:00:00.000Z","type":"{{EventCatalog.NameOf(Sample(type))}}","data":{{text}}}""");
        Assert.Equal(Json(Serializer(type, data)), EventCodec.TryParse(line) is { } e ? Json(e.Body) : null);
    }

    [Fact]
    public void The_reader_rests_on_the_datas_end_so_the_line_goes_on()
    {
        var line = """{"seq":3,"ts":"2026-11-28T00:00:00.000Z","type":"attempt_started","task":"t","data":{"pid":1,"start_time":2},"attempt":2,"mac":"x"}"""u8;

        var e = EventCodec.TryParse(line);

        Assert.Equal((3L, "t", 2), (e!.Seq, e.Task, e.Attempt!.Value));
        Assert.Equal(new AttemptStarted(1, 2, null), e.Body);
    }

    private static EventBody? ReadByHand(Type type, byte[] data)
    {
        var reader = new Utf8JsonReader(data);
        reader.Read();
        var body = HotEventReader.TryRead(EventCatalog.InfoOf(Sample(type)), ref reader);
        if (body is not null) Assert.Equal(JsonTokenType.EndObject, reader.TokenType);
        return body;
    }

    private static EventBody? Serializer(Type type, byte[] data)
    {
        try
        {
            return (EventBody?)JsonSerializer.Deserialize(data, EventCatalog.InfoOf(Sample(type)));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static EventBody Sample(Type type) => Written.First(b => b.GetType() == type);

    private static string? Json(EventBody? body) => body is null ? null : JsonSerializer.Serialize(body, EventCatalog.InfoOf(body));
}
