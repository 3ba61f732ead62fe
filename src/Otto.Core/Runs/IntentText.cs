using System.Globalization;
using System.Text;

namespace Otto.Runs;

/// <summary>
/// The intent's bounds and its one home. On the command line it may have 64 KiB (an argument of a CLI agent
/// may have 128 KiB, and the prompt carries the intent); a longer one comes from a file (`--intent-file`,
/// up to 1 MiB). run.json keeps it whole, once; the log, state.json, final.json, plan.md and the listings
/// carry its <see cref="Summary"/>; prompts carry it whole up to 64 KiB, else the summary and a pointer to
/// the agent's `.ai/context.md`, which always has all of it.
/// </summary>
public static class IntentText
{
    public const int MaxArgumentBytes = 64 * 1024;
    public const int MaxFileBytes = 1024 * 1024;
    public const int SummaryChars = 2_000;

    /// <summary>The intent given as an argument, checked.</summary>
    public static string FromArgument(string text)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > MaxArgumentBytes)
            throw new OttoException($"the intent is {Kib(bytes)} KiB, and one given on the command line may have at most {MaxArgumentBytes / 1024} KiB; put it in a file and use `otto build --intent-file FILE`");
        return Checked(text, "the intent");
    }

    /// <summary>The intent read from a file (`--intent-file`), checked.</summary>
    public static string FromFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new OttoException($"--intent-file {path}: no such file");
        var length = new FileInfo(full).Length;
        if (length > MaxFileBytes)
            throw new OttoException($"--intent-file {path}: the file has {Kib(length)} KiB, more than the {MaxFileBytes / 1024} KiB an intent may have");
        var bytes = File.ReadAllBytes(full);
        if (Array.IndexOf(bytes, (byte)0) >= 0) throw new OttoException($"--intent-file {path}: the file is binary (it has NUL bytes); an intent is text");
        return Checked(new UTF8Encoding(false).GetString(bytes), $"--intent-file {path}");
    }

    /// <summary>What every record but run.json keeps: the intent up to <see cref="SummaryChars"/> characters.</summary>
    public static string Summary(string intent) =>
        intent.Length <= SummaryChars
            ? intent
            : intent[..SummaryChars] + string.Create(CultureInfo.InvariantCulture, $"\n[... {intent.Length - SummaryChars} more characters; the whole intent is in run.json]");

    /// <summary>What a prompt says: the whole intent up to 64 KiB, else its start and where the rest is.</summary>
    public static string ForPrompt(string intent) =>
        Encoding.UTF8.GetByteCount(intent) <= MaxArgumentBytes
            ? intent
            : intent[..SummaryChars] + string.Create(CultureInfo.InvariantCulture,
                $"\n\n[... the intent goes on for {Kib(Encoding.UTF8.GetByteCount(intent))} KiB in all: read all of it in .ai/context.md of your worktree (the file $OTTO_CONTEXT_FILE names) before you start]");

    private static string Checked(string text, string what)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new OttoException($"{what} is empty; say what to build, e.g. otto build \"add rate limiting to the API\"");
        return text.Trim();
    }

    private static string Kib(long bytes) => ((bytes + 1023) / 1024).ToString(CultureInfo.InvariantCulture);
}
