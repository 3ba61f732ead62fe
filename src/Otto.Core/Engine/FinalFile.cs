using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Reporting;
using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// Keeps final.json true. It is derived from otto's records, so whoever reads it — the driver at the end,
/// `otto status`, `otto resume` — checks it first: missing for a finished run, it is written; different from
/// what the records say (an agent wrote it, say), it is kept as final.json.foreign, rewritten, and an
/// integrity warning records that; present while the run has not ended, it is set aside the same way.
/// </summary>
public static class FinalFile
{
    /// <param name="info">run.json, for what the log lacks (read only when needed: `otto status` pays for every file it parses).</param>
    public static void Reconcile(RunJournal journal, Func<RunInfo?> info)
    {
        var paths = journal.Paths;
        var state = journal.Read();
        var found = Read(paths.Final);
        if (!state.IsFinished)
        {
            if (found is null && !File.Exists(paths.Final)) return;
            if (found?[EmergencyFinal.Marker] is not null)
            {
                // Otto's own, from when the log could not be written (a full disk): the run goes on now.
                File.Move(paths.Final, Path.Combine(paths.Dir, "final.previous.json"), overwrite: true);
                return;
            }
            File.Move(paths.Final, paths.Final + ".foreign", overwrite: true);
            journal.Append(new NewEvent(new IntegrityWarning("final_json",
                "final.json appeared while the run was still going (otto did not write it); it was set aside as final.json.foreign")));
            return;
        }
        var runInfo = state.CreatedAt == default ? info() : null;
        // The end is taken now when the record lacks it: a crash before the driver took it, or the record put back
        // to its start-only version (whose mark is valid) to drop what the end found.
        var checkoutChanged = CheckoutWatch.RecordEnd(paths);
        var expected = FinalReport.Build(state, runInfo, checkoutChanged);
        if (found is not null && JsonNode.DeepEquals(found, JsonNode.Parse(expected))) return;
        if ((found is null && !File.Exists(paths.Final)) || (found is not null && SameButWarnings(found, JsonNode.Parse(expected)!)))
        {
            // Not written yet, or only behind on warnings recorded since: otto's own file, brought up to date.
            AtomicFile.Write(paths.Final, expected);
            return;
        }
        var said = found?["status"]?.ToString() ?? "something unreadable";
        state = journal.Append(new NewEvent(new IntegrityWarning("final_json",
            $"final.json said {said}, which is not what otto recorded ({state.Status.Name()}); it was rewritten from the event log"))) is { Count: > 0 }
            ? journal.Read()
            : state;
        File.Copy(paths.Final, paths.Final + ".foreign", overwrite: true); // the evidence stays
        AtomicFile.Write(paths.Final, FinalReport.Build(state, runInfo, checkoutChanged));
    }

    private static bool SameButWarnings(JsonNode found, JsonNode expected)
    {
        if (found is not JsonObject a || expected is not JsonObject b) return false;
        var left = (JsonObject)a.DeepClone();
        var right = (JsonObject)b.DeepClone();
        // Both grow after the end is first written: warnings recorded since, and the checkout's end
        // (recorded by the driver that finishes the run, which a reader may have beaten to final.json).
        foreach (var key in new[] { "warnings", "checkout_changed" })
        {
            left.Remove(key);
            right.Remove(key);
        }
        // A file from before otto told unknown costs apart (no cost_known) said 0 for them: its account of
        // the costs is brought up to date, which is no sign of tampering.
        if (!left.ContainsKey("cost_known"))
        {
            foreach (var key in new[] { "cost_usd", "cost_known", "tokens", "tokens_known" })
            {
                left.Remove(key);
                right.Remove(key);
            }
        }
        return JsonNode.DeepEquals(left, right);
    }

    private static JsonNode? Read(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
