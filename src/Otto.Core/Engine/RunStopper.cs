using System.Text.Json.Nodes;
using Otto.Agents;
using Otto.Platform;
using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// `otto stop`: asks the live driver to stop (SIGTERM; it stops its agents and finalizes as canceled);
/// when there is no driver, or it does not finish in time, or with --force, stops the agents itself and
/// finalizes the run. Workers notice the run has ended and stop their own agents.
/// </summary>
public static class RunStopper
{
    public static async Task<string> StopAsync(RunContext run, bool force, TimeSpan wait)
    {
        var state = run.Journal.Read();
        if (state.IsFinished) return $"run {state.RunId} already ended ({state.Status.Name()})";
        if (Driver(run.Paths) is { } driver && driver.IsAlive() && FileLock.IsHeld(run.Paths.DriverLock))
        {
            Libc.Kill(driver.Pid, force ? Libc.SigKill : Libc.SigTerm);
            var deadline = DateTime.UtcNow + wait;
            while (DateTime.UtcNow < deadline && driver.IsAlive() && !File.Exists(run.Paths.Final)) await Task.Delay(100).ConfigureAwait(false);
            if (File.Exists(run.Paths.Final)) return $"run {state.RunId} stopped by its driver (pid {driver.Pid})";
            if (driver.IsAlive()) Libc.Kill(driver.Pid, Libc.SigKill);
        }

        using var driverLock = await FileLock.TryAcquireWithinAsync(run.Paths.DriverLock, TimeSpan.FromSeconds(10)).ConfigureAwait(false)
            ?? throw new OttoException($"another otto process holds run {state.RunId}; try `otto stop {state.RunId} --force`");
        state = run.Journal.Read();
        if (state.IsFinished) return $"run {state.RunId} already ended ({state.Status.Name()})";
        var grace = force ? TimeSpan.Zero : run.Config.Limits.KillGrace;
        var stopped = 0;
        foreach (var files in LiveAttempts(run.Paths, state))
        {
            if (AgentProcess.Inspect(files) is LaunchState.Running running)
            {
                await ProcessGroup.TerminateAsync(running.Identity.Pid, grace).ConfigureAwait(false);
                stopped++;
            }
        }
        RunFinisher.Finish(run, RunStatus.Canceled, new FailureInfo(FailureKind.User, "stopped with `otto stop`"));
        return $"run {state.RunId} canceled; {stopped} agent(s) stopped";
    }

    public static ProcessIdentity? Driver(RunPaths paths)
    {
        try
        {
            var json = JsonNode.Parse(File.ReadAllText(paths.DriverJson));
            return json is null ? null : new ProcessIdentity((int?)json["pid"] ?? 0, (long?)json["start_time"] ?? 0);
        }
        catch (Exception e) when (e is IOException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static IEnumerable<AttemptFiles> LiveAttempts(RunPaths paths, RunState state)
    {
        foreach (var task in state.Tasks.Where(t => t.Claim is not null))
            yield return new AttemptFiles(paths.AttemptDir(task.Id, task.Claim!.Attempt));
        if (state.ActiveStage is { } stage) yield return new AttemptFiles(paths.StageAttemptDir(stage.Stage, stage.Attempt));
    }
}
