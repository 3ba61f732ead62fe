using System.Globalization;
using System.Text.Json.Nodes;
using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// The smallest final.json that says how the run ended, for when the log itself cannot be written (the
/// disk is full): status, cause and reason first, in one small write. It carries `written_without_log`,
/// so the next otto, which can write the log again, sets it aside and carries on (FinalFile).
/// </summary>
public static class EmergencyFinal
{
    public const string Marker = "written_without_log";

    public static void TryWrite(RunPaths paths, RunInfo info, FailureInfo cause)
    {
        var text = new JsonObject
        {
            ["run_id"] = info.RunId,
            ["status"] = "failed",
            ["reason"] = cause.Reason,
            ["cause"] = new JsonObject { ["kind"] = cause.Kind.Name() },
            [Marker] = true,
            ["intent"] = info.Intent,
            ["integration_branch"] = info.IntegrationBranch,
            ["finished_at"] = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
        }.ToJsonString() + "\n";
        try
        {
            AtomicFile.Write(paths.Final, text); // whole or not at all: a truncated final.json would read as foreign
        }
        catch (IOException)
        {
            // Not even that fits: the exit code (4) and the message on stderr are all that can be said.
        }
    }
}
