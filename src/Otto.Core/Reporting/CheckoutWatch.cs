using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Git;
using Otto.Runs;

namespace Otto.Reporting;

/// <summary>
/// A run never changes the user's checkout, but a `command` agent running as the user can (otto cannot
/// stop it without `sandbox: bwrap`); it must not go unnoticed. At run start `checkout.json` records the
/// checkout's HEAD (commit and branch) and `git status --porcelain` with a hash of every listed file; at
/// the end the same is taken again and what differs is recorded once as `changed` (paths, and `HEAD` when
/// the commit or branch moved). final.json and `otto status` report it as `checkout_changed`. Files git
/// ignores are not watched. The record carries the run key's mark (<see cref="FileSeal"/>): an agent that
/// rewrites it to hide its change is reported as <see cref="Altered"/> instead of going unseen.
/// </summary>
public static class CheckoutWatch
{
    public const string FileName = "checkout.json";

    /// <summary>The name in the change list for a moved HEAD (a commit, a checkout of another branch).</summary>
    public const string Head = "HEAD";

    public static string PathIn(RunPaths paths) => Path.Combine(paths.Dir, FileName);

    /// <summary>Whether there is something to say of the checkout: the run recorded its start, or it should have
    /// (a run made with a key always writes the record, so one without it lost it). Runs made by an otto from
    /// before seals and the record have none.</summary>
    public static bool IsRecorded(RunPaths paths) => File.Exists(PathIn(paths)) || FileSeal.WasSealed(paths);

    /// <summary>What is reported in place of the paths when checkout.json lost the run key's mark: someone else
    /// rewrote otto's record of the checkout (to hide a change, say), so what changed can no longer be told.</summary>
    public const string Altered = "checkout.json (otto's record of your checkout was rewritten by someone else, so what changed in it is unknown)";

    private const string AlteredKey = "altered";

    public static void RecordStart(GitRepo checkout, RunPaths paths) =>
        Write(paths, new JsonObject { ["checkout"] = checkout.Root, ["start"] = Snapshot(checkout) });

    /// <summary>The changes, recorded once at the end (a later call returns what was recorded). Null for a run
    /// without a start snapshot (made by an older otto).</summary>
    public static IReadOnlyList<string>? RecordEnd(RunPaths paths)
    {
        if (Read(paths) is not { } record) return null;
        if (record[AlteredKey] is not null)
        {
            var altered = AlteredRecord();
            altered["changed"] = new JsonArray(Altered);
            Write(paths, altered);
            return [Altered];
        }
        if (record["start"] is not JsonObject start) return null;
        if (record["changed"] is JsonArray recorded) return Strings(recorded);
        var end = Snapshot(new GitRepo((string)record["checkout"]!));
        var changed = Compare(start, end);
        record["end"] = end;
        record["changed"] = new JsonArray(changed.Select(p => (JsonNode)p).ToArray());
        Write(paths, record);
        return changed;
    }

    /// <summary>The changes recorded at the end, or null before the end (or without a start snapshot).</summary>
    public static IReadOnlyList<string>? Recorded(RunPaths paths) => Read(paths) switch
    {
        null => null,
        var record when record[AlteredKey] is not null => [Altered],
        var record => record["changed"] is JsonArray recorded ? Strings(recorded) : null,
    };

    /// <summary>What changed so far: the recorded end for a finished run, else a look at the checkout now.</summary>
    public static IReadOnlyList<string>? Current(RunPaths paths)
    {
        if (Read(paths) is not { } record) return null;
        if (record[AlteredKey] is not null) return [Altered];
        if (record["start"] is not JsonObject start) return null;
        if (record["changed"] is JsonArray recorded) return Strings(recorded);
        var checkout = (string?)record["checkout"];
        return checkout is not null && Directory.Exists(checkout) ? Compare(start, Snapshot(new GitRepo(checkout))) : null;
    }

    /// <summary>The one-line warning, or null when nothing changed.</summary>
    public static string? Warning(IReadOnlyList<string>? changed) =>
        changed is { Count: > 0 }
            ? $"your checkout changed during the run (by you or by an agent; otto itself never writes there): {string.Join(", ", changed.Take(20))}{(changed.Count > 20 ? $" and {changed.Count - 20} more" : "")}"
            : null;

    private static JsonObject Snapshot(GitRepo checkout)
    {
        var files = new JsonObject();
        var status = checkout.Git("status", "--porcelain=v1", "-z", "--untracked-files=all");
        var entries = status.Ok ? status.Stdout.Split('\0', StringSplitOptions.RemoveEmptyEntries) : [];
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            if (entry.Length < 4) continue;
            var path = entry[3..];
            files[path] = entry[..2] + " " + ContentHash(Path.Combine(checkout.Root, path));
            if (entry[0] is 'R' or 'C') i++; // the rename source follows as its own entry
        }
        return new JsonObject
        {
            ["head"] = checkout.TryResolve("HEAD"),
            ["branch"] = checkout.CurrentBranch,
            ["files"] = files,
        };
    }

    private static List<string> Compare(JsonObject start, JsonObject end)
    {
        var changed = new List<string>();
        if ((string?)start["head"] != (string?)end["head"] || (string?)start["branch"] != (string?)end["branch"]) changed.Add(Head);
        var before = (JsonObject)start["files"]!;
        var after = (JsonObject)end["files"]!;
        foreach (var path in before.Select(kv => kv.Key).Union(after.Select(kv => kv.Key)).Order(StringComparer.Ordinal))
        {
            if ((string?)before[path] != (string?)after[path]) changed.Add(path);
        }
        return changed;
    }

    private static string ContentHash(string path)
    {
        try
        {
            return File.Exists(path) ? Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)))[..16] : "absent";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "unreadable";
        }
    }

    private static List<string> Strings(JsonArray array) => array.Select(n => (string?)n).OfType<string>().ToList();

    private static JsonObject? Read(RunPaths paths)
    {
        try
        {
            // Checked first: a run without one (made by an older otto, or `otto status` in a test) would
            // otherwise pay for a first exception, some 2 ms.
            var path = PathIn(paths);
            // A run made with a key wrote the record before its first event: without it, it was removed (to hide a
            // change, say) and is reported as altered. (A kill between run.json and the record looks the same.)
            if (!File.Exists(path)) return FileSeal.WasSealed(paths) ? AlteredRecord() : null;
            // Marked with the run's key like run.json (FileSeal): a record without it was not written by otto.
            return FileSeal.Open(File.ReadAllBytes(path), paths, FileSeal.CheckoutName) is { } json
                ? JsonNode.Parse(json) as JsonObject
                : AlteredRecord();
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>What a record otto cannot vouch for (rewritten, or removed) reads as.</summary>
    private static JsonObject AlteredRecord() => new() { [AlteredKey] = true };

    private static void Write(RunPaths paths, JsonObject record)
    {
        var json = System.Text.Encoding.UTF8.GetBytes(record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        AtomicFile.Write(PathIn(paths), FileSeal.Seal(json, paths, FileSeal.CheckoutName));
    }
}
