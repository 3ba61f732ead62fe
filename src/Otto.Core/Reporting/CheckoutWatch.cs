using System.Text.Json;
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

    /// <summary>What is reported when git could not read the checkout at the run's end (the folder gone, its index
    /// broken): what changed in it cannot be told.</summary>
    public const string Unreadable = "your checkout (git could not read it at the end of the run, so what changed in it is unknown)";

    public static void RecordStart(GitRepo checkout, RunPaths paths) =>
        Write(paths, new CheckoutRecord(checkout.Root, CheckoutSnapshot.Take(checkout.Root), End: null, Changed: null));

    /// <summary>The changes, recorded once at the end (a later call returns what was recorded). Null for a run
    /// without a start snapshot (made by an older otto).</summary>
    public static IReadOnlyList<string>? RecordEnd(RunPaths paths)
    {
        switch (Read(paths))
        {
            case null: return null;
            case { Altered: true }:
                Write(paths, AlteredRecord);
                return AlteredRecord.Changed;
            case { Start: null }: return null;
            case { Changed: { } recorded }: return recorded;
            case var record:
                // Asked twice: a git that could not start once (no process slot under a busy agent) should not
                // make the record say so for good.
                var end = CheckoutSnapshot.Take(record.Checkout) ?? CheckoutSnapshot.Take(record.Checkout);
                List<string> changed = end is null ? [Unreadable] : CheckoutSnapshot.Changes(record.Start, end);
                Write(paths, record with { End = end, Changed = changed });
                return changed;
        }
    }

    /// <summary>The changes recorded at the end, or null before the end (or without a start snapshot).</summary>
    public static IReadOnlyList<string>? Recorded(RunPaths paths) => Read(paths)?.Changed;

    /// <summary>What changed so far: the recorded end for a finished run, else a look at the checkout now.</summary>
    public static IReadOnlyList<string>? Current(RunPaths paths) => Read(paths) switch
    {
        null or { Start: null, Altered: false } => null,
        { Changed: { } recorded } => recorded,
        { Start: { } start } record when CheckoutSnapshot.Take(record.Checkout) is { } now => CheckoutSnapshot.Changes(start, now),
        _ => null,
    };

    /// <summary>What `otto status` shows: while a driver drives the run (<paramref name="driven"/>), what it saw
    /// at its last look if that still stands (<see cref="CheckoutLookFile"/>), else <see cref="Current"/>.</summary>
    public static IReadOnlyList<string>? Shown(RunPaths paths, bool driven, DateTimeOffset now) =>
        driven && CheckoutLookFile.TryRead(paths, now, out var seen) ? seen
        : Current(paths);

    /// <summary>The one-line warning, or null when nothing changed.</summary>
    public static string? Warning(IReadOnlyList<string>? changed) =>
        changed is { Count: > 0 }
            ? $"your checkout changed during the run (by you or by an agent; otto itself never writes there): {string.Join(", ", changed.Take(20))}{(changed.Count > 20 ? $" and {changed.Count - 20} more" : "")}"
            : null;

    private static CheckoutRecord? Read(RunPaths paths)
    {
        try
        {
            // Checked first: a run without one (made by an older otto, or `otto status` in a test) would
            // otherwise pay for a first exception, some 2 ms.
            var path = PathIn(paths);
            // A run made with a key wrote the record before its first event: without it, it was removed (to hide a
            // change, say) and is reported as altered. (A kill between run.json and the record looks the same.)
            if (!File.Exists(path)) return FileSeal.WasSealed(paths) ? AlteredRecord : null;
            // Marked with the run's key like run.json (FileSeal): a record without it was not written by otto.
            return FileSeal.Open(File.ReadAllBytes(path), paths, FileSeal.CheckoutName) is { } json
                ? CheckoutRecord.Parse(json) is { Altered: false } record ? record : AlteredRecord
                : AlteredRecord;
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }

    /// <summary>What a record otto cannot vouch for (rewritten, or removed) reads as, and is recorded as at the end.</summary>
    private static readonly CheckoutRecord AlteredRecord = new(Checkout: null, Start: null, End: null, Changed: [Altered], Altered: true);

    private static void Write(RunPaths paths, CheckoutRecord record) =>
        AtomicFile.Write(PathIn(paths), FileSeal.Seal(record.ToJson(), paths, FileSeal.CheckoutName));
}
