using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Agents;
using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// live.json: the attempts alive right now (claimed, with a fresh heartbeat), with their agent pid,
/// start, last output and stage. Derived from the log and the attempt folders, so any process may
/// rewrite it and they all agree; empty when nothing runs.
/// </summary>
public static class LiveBoard
{
    public static JsonObject Build(RunPaths paths, RunState state, TimeSpan leaseTimeout, DateTimeOffset now)
    {
        var attempts = new JsonArray();
        if (!state.IsFinished)
        {
            foreach (var task in state.Tasks.Where(t => t.Claim is not null))
            {
                var files = new AttemptFiles(paths.AttemptDir(task.Id, task.Claim!.Attempt));
                if (Entry(files, task.Id, task.Claim.Attempt, leaseTimeout, now) is { } entry) attempts.Add(entry);
            }
            if (state.ActiveStage is { } stage)
            {
                var files = new AttemptFiles(paths.StageAttemptDir(stage.Stage, stage.Attempt));
                if (Entry(files, null, stage.Attempt, leaseTimeout, now) is { } entry)
                {
                    entry["stage"] = stage.Stage.Name();
                    attempts.Add(entry);
                }
            }
        }
        return new JsonObject { ["updated_at"] = Format(now), ["attempts"] = attempts };
    }

    public static void Write(RunPaths paths, RunState state, TimeSpan leaseTimeout)
    {
        var board = Build(paths, state, leaseTimeout, DateTimeOffset.UtcNow);
        Runs.AtomicFile.Write(paths.Live, board.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", durable: false);
    }

    private static JsonObject? Entry(AttemptFiles files, string? taskId, int attempt, TimeSpan leaseTimeout, DateTimeOffset now)
    {
        var beat = Heartbeat.LastBeat(files.Heartbeat);
        if (beat is null || now - beat > leaseTimeout) return null;
        var heartbeat = Heartbeat.Read(files.Heartbeat);
        // The wrapper writes its pid file in place: only a whole line counts (an empty one is still being written).
        var pid = File.Exists(files.ExitCode) ? null : AgentProcess.Launched(files)?.Pid;
        return new JsonObject
        {
            ["task"] = taskId,
            ["attempt"] = attempt,
            ["stage"] = (string?)heartbeat?["stage"],
            ["pid"] = pid,
            ["owner_pid"] = (int?)heartbeat?["pid"],
            ["started_at"] = File.Exists(files.Pid) ? Format(new DateTimeOffset(File.GetLastWriteTimeUtc(files.Pid), TimeSpan.Zero)) : null,
            ["last_output_at"] = files.LastOutputAt() is { } output ? Format(output) : null,
            ["heartbeat_at"] = Format(beat.Value),
        };
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
