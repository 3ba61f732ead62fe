using System.Collections.Immutable;
using System.Text.Json;

namespace Otto.Runs;

/// <summary>The post-merge parts of state.json (review and PR rounds, task fix rounds), by hand like the rest
/// of it (see <see cref="StateJsonWriter"/>): written only when present, so `otto status` on a run without
/// them reads nothing more.</summary>
internal static class PostMergeStateJson
{
    public static void WriteRun(Utf8JsonWriter w, RunState s)
    {
        if (s.IntegrationFixRounds > 0) w.WriteNumber("integration_fix_rounds", s.IntegrationFixRounds);
        if (s.IntegrationAttemptsBefore > 0) w.WriteNumber("integration_attempts_before", s.IntegrationAttemptsBefore);
        if (s.PausedFor > TimeSpan.Zero) w.WriteNumber("paused_for_s", s.PausedFor.TotalSeconds);
        if (s.Review != new ReviewProgress())
        {
            w.WriteStartObject("review");
            w.WriteBoolean("requested", s.Review.Requested);
            w.WriteNumber("rounds", s.Review.Rounds);
            w.WriteNumber("attempts", s.Review.Attempts);
            w.WriteNumber("tries", s.Review.Tries);
            w.WriteNumber("fixed_round", s.Review.FixedRound);
            w.WriteNumber("accepted", s.Review.Accepted);
            if (s.Review.Last is { } last)
            {
                w.WriteStartObject("last");
                w.WriteNumber("round", last.Round);
                w.WriteNumber("attempt", last.Attempt);
                w.WriteString("sha", last.Sha);
                w.WriteString("verdict", last.Verdict);
                w.WriteString("summary", last.Summary);
                w.WriteString("file", last.File);
                Findings(w, last.Findings);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
        if (s.Pr != new PrProgress())
        {
            w.WriteStartObject("pr");
            w.WriteNumber("rounds", s.Pr.Rounds);
            w.WriteNumber("fixed_round", s.Pr.FixedRound);
            if (s.Pr.Last is { } last)
            {
                w.WriteStartObject("last");
                w.WriteNumber("round", last.Round);
                w.WriteNumber("number", last.Number);
                w.WriteString("head_sha", last.HeadSha);
                Findings(w, last.Findings);
                w.WriteEndObject();
            }
            w.WriteEndObject();
        }
    }

    public static RunState ReadRun(JsonElement e, RunState s)
    {
        var review = new ReviewProgress();
        if (Obj(e, "review") is { } r)
        {
            var last = Obj(r, "last") is { } l
                ? new ReviewFinished(l.GetProperty("round").GetInt32(), l.GetProperty("attempt").GetInt32(), Str(l, "sha") ?? "", Str(l, "verdict") ?? "",
                    Str(l, "summary"), Findings(l), Str(l, "file") ?? "")
                : null;
            review = new ReviewProgress(r.GetProperty("requested").GetBoolean(), r.GetProperty("rounds").GetInt32(), r.GetProperty("attempts").GetInt32(),
                r.GetProperty("tries").GetInt32(), last, r.GetProperty("fixed_round").GetInt32(),
                r.TryGetProperty("accepted", out var accepted) ? accepted.GetInt32() : 0);
        }
        var pr = new PrProgress();
        if (Obj(e, "pr") is { } p)
        {
            var last = Obj(p, "last") is { } l
                ? new PrFeedback(l.GetProperty("round").GetInt32(), l.GetProperty("number").GetInt32(), Str(l, "head_sha") ?? "", Findings(l))
                : null;
            pr = new PrProgress(p.GetProperty("rounds").GetInt32(), last, p.GetProperty("fixed_round").GetInt32());
        }
        return s with
        {
            IntegrationFixRounds = e.TryGetProperty("integration_fix_rounds", out var rounds) ? rounds.GetInt32() : 0,
            IntegrationAttemptsBefore = e.TryGetProperty("integration_attempts_before", out var before) ? before.GetInt32() : 0,
            PausedFor = e.TryGetProperty("paused_for_s", out var paused) ? TimeSpan.FromSeconds(paused.GetDouble()) : TimeSpan.Zero,
            Review = review,
            Pr = pr,
        };
    }

    public static void WriteTask(Utf8JsonWriter w, TaskState t)
    {
        if (t.Added) w.WriteBoolean("added", true);
        if (t.Round is not { } round) return;
        w.WriteStartObject("round");
        w.WriteString("source", round.Round.Source.Name());
        w.WriteNumber("number", round.Round.Number);
        w.WriteString("reason", round.Round.Reason);
        StateJsonWriter.Failure(w, "failure", round.Round.Failure);
        if (round.Round.Findings is { } findings) Findings(w, findings);
        w.WriteString("integration_sha", round.Round.IntegrationSha);
        w.WriteNumber("attempt_base", round.AttemptBase);
        w.WriteBoolean("reopened", round.Reopened);
        w.WriteEndObject();
    }

    public static TaskRound ReadRound(JsonElement r)
    {
        var round = new FixRound(Wire.ParseStrict<FixSource>(Str(r, "source")), r.GetProperty("number").GetInt32(), Str(r, "reason") ?? "",
            StateJsonReader.Failure(r, "failure"), r.TryGetProperty("findings", out _) ? Findings(r) : null, Str(r, "integration_sha") ?? "");
        return new TaskRound(round, r.GetProperty("attempt_base").GetInt32(), r.GetProperty("reopened").GetBoolean());
    }

    private static void Findings(Utf8JsonWriter w, IReadOnlyList<Finding> findings)
    {
        w.WriteStartArray("findings");
        foreach (var f in findings)
        {
            w.WriteStartObject();
            w.WriteString("path", f.Path);
            if (f.Line is { } line) w.WriteNumber("line", line);
            w.WriteString("severity", f.Severity);
            w.WriteString("message", f.Message);
            w.WriteString("task", f.Task);
            w.WriteString("id", f.Id);
            w.WriteString("url", f.Url);
            w.WriteString("author", f.Author);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static ImmutableList<Finding> Findings(JsonElement parent)
    {
        var list = ImmutableList.CreateBuilder<Finding>();
        foreach (var f in parent.GetProperty("findings").EnumerateArray())
        {
            list.Add(new Finding(Str(f, "path"), f.TryGetProperty("line", out var line) ? line.GetInt32() : null, Str(f, "severity") ?? "", Str(f, "message") ?? "",
                Str(f, "task"), Str(f, "id"), Str(f, "url"), Str(f, "author")));
        }
        return list.ToImmutable();
    }

    private static JsonElement? Obj(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? Str(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
