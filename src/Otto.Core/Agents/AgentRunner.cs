using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Secrets;

namespace Otto.Agents;

/// <summary>
/// Runs one attempt's agent to its end: adopts the process a previous driver started (never a second
/// one for the same attempt), or launches it; watches it under the attempt's limits; retries transient
/// failures with exponential backoff and jitter (not counted as attempts); writes result.json. With a
/// <see cref="IProviderGate"/>, a launch waits for the provider's shared rate-limit backoff, and each try
/// reports a rate limit or getting through to it.
/// </summary>
public sealed class AgentRunner(IAgentProvider provider, Redactor redactor, IProviderGate? gate = null)
{
    public async Task<AgentOutcome> RunAsync(
        AgentRequest request,
        AgentLimits limits,
        int retriesSoFar,
        IAgentObserver observer,
        CancellationToken ct)
    {
        var files = request.Files;
        Directory.CreateDirectory(files.Dir);
        var retries = retriesSoFar;
        while (true)
        {
            var exit = await RunOrAdoptAsync(request, limits, observer, ct).ConfigureAwait(false);
            redactor.RedactFile(files.Stdout);
            redactor.RedactFile(files.Stderr);
            redactor.RedactFile(files.WrapperLog);
            var report = exit.KilledBy == AgentExit.Canceled
                ? AgentReport.Plain(false, null, "canceled")
                : provider.Read(request, exit);
            ReportToGate(files, exit, report);
            // A transient failure is retried also when otto had to stop the agent (a network outage, a
            // stall while it kept retrying): the class says the cause was outside the task.
            var transient = report.FailureClass == FailureClasses.Transient && !ct.IsCancellationRequested;
            if (transient && retries < limits.TransientRetries)
            {
                // Each try keeps its own result.json (in try-N/), so what it cost is never lost.
                WriteResult(files, new AgentOutcome(exit, report, provider.Name), retries);
                retries++;
                var delay = Backoff(limits.TransientBackoff, retries);
                ArchiveTry(files, retries);
                observer.Retrying(retries, report.Error ?? "transient failure", delay);
                await Task.Delay(delay, ct).ConfigureAwait(false);
                continue;
            }
            if (transient) report = report with { Error = report.Error + GaveUp(retries) };
            var outcome = new AgentOutcome(exit, WithEarlierTries(files, report), provider.Name);
            WriteResult(files, outcome, retries);
            return outcome;
        }
    }

    /// <summary>A rate limit starts or grows the provider's backoff; an answer from its API (any end with the
    /// CLI's final event, other than a transient failure) ends it.</summary>
    private void ReportToGate(AttemptFiles files, AgentExit exit, AgentReport report)
    {
        if (gate is null || exit.KilledBy is AgentExit.Canceled or AgentExit.Vanished) return;
        var startedAt = File.Exists(files.Pid) ? new DateTimeOffset(File.GetLastWriteTimeUtc(files.Pid), TimeSpan.Zero) : DateTimeOffset.UtcNow;
        if (RateLimitSignal.Of(report) is { } hit) gate.RateLimited(provider.Name, hit, startedAt);
        else if (report.Completed && report.FailureClass != FailureClasses.Transient) gate.GotThrough(provider.Name, startedAt);
    }

    /// <summary>Why a transient failure still ends the attempt: otto's own retries ran out.</summary>
    private static string GaveUp(int retries) => retries switch
    {
        0 => "",
        1 => "\n(still failing after 1 transient retry with backoff, limits.transient_retries)",
        _ => string.Create(CultureInfo.InvariantCulture, $"\n(still failing after {retries} transient retries with backoff, limits.transient_retries)"),
    };

    /// <summary>Exponential backoff with ±25% jitter: base, 2x, 4x ... capped at 5 minutes.</summary>
    public static TimeSpan Backoff(TimeSpan first, int retry)
    {
        var seconds = Math.Min(first.TotalSeconds * Math.Pow(2, retry - 1), 300);
        var jitter = 0.75 + Random.Shared.NextDouble() * 0.5;
        return TimeSpan.FromSeconds(seconds * jitter);
    }

    private async Task<AgentExit> RunOrAdoptAsync(AgentRequest request, AgentLimits limits, IAgentObserver observer, CancellationToken ct)
    {
        var files = request.Files;
        var state = AgentProcess.Inspect(files);
        while (state is LaunchState.Starting)
        {
            // Not cancelable (Starting lasts seconds at most): the agent about to appear must be adopted to be stopped.
            await Task.Delay(50, CancellationToken.None).ConfigureAwait(false);
            state = AgentProcess.Inspect(files);
        }
        var startedAt = File.Exists(files.Pid) ? new DateTimeOffset(File.GetLastWriteTimeUtc(files.Pid), TimeSpan.Zero) : DateTimeOffset.UtcNow;
        if (AgentProcess.Launched(files) is { } launched && state is not LaunchState.NotLaunched) observer.Adopted(launched);
        switch (state)
        {
            case LaunchState.Exited exited:
                AgentProcess.SweepLeftovers(files); // it ended while no otto watched: what it left goes now
                return new AgentExit(exited.Code, null, TimeSpan.Zero, startedAt);
            case LaunchState.Vanished:
                AgentProcess.SweepLeftovers(files);
                return new AgentExit(null, AgentProcess.ExitCodeLost(files) ? AgentExit.ExitLost : AgentExit.Vanished, TimeSpan.Zero, startedAt);
            case LaunchState.Running running:
                var adopted = AgentProcess.Adopt(files, running.Identity, startedAt);
                return await adopted.WatchAsync(limits, ProviderCatalog.StreamParser(provider.Name), ct).ConfigureAwait(false);
        }

        // The provider's rate-limit backoff is waited out before anything of the launch happens (no
        // launching marker, no timer): the wait is not agent time.
        if (gate is not null) await gate.WaitAsync(provider.Name, ct).ConfigureAwait(false);
        var launch = provider.Prepare(request);
        if (request.Config.Sandbox == "bwrap") launch = launch with { Argv = Bubblewrap.Wrap(request, launch.Argv) };
        File.WriteAllText(files.Prompt, redactor.Redact(request.Prompt));
        Directory.CreateDirectory(Path.GetDirectoryName(request.ContextFile)!);
        File.WriteAllText(request.ContextFile, redactor.Redact(request.Context));
        WriteInvocation(request, launch);
        var environment = new Dictionary<string, string?>(launch.Environment);
        foreach (var name in NestingVariables.Names) environment.TryAdd(name, null);
        var process = await AgentProcess.LaunchAsync(files, launch.Argv, request.Worktree, environment, ct).ConfigureAwait(false);
        observer.Started(process, launch);
        return await process.WatchAsync(limits, ProviderCatalog.StreamParser(provider.Name), ct).ConfigureAwait(false);
    }

    private void WriteInvocation(AgentRequest request, AgentLaunch launch)
    {
        var invocation = new JsonObject
        {
            ["provider"] = provider.Name,
            ["argv"] = new JsonArray(launch.Argv.Select(a => (JsonNode)redactor.Redact(a)).ToArray()),
            ["cwd"] = request.Worktree,
            ["stdin"] = "/dev/null",
            ["session_id"] = launch.SessionId,
            ["environment"] = new JsonObject(launch.Environment
                .Where(kv => kv.Value is not null)
                .OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)(Redactor.IsSecretName(kv.Key) ? Redactor.Mask : redactor.Redact(kv.Value!))))),
            ["removed_environment"] = new JsonArray(launch.Environment.Where(kv => kv.Value is null).Select(kv => (JsonNode)kv.Key).ToArray()),
        };
        File.WriteAllText(request.Files.Invocation, redactor.RedactJson(invocation.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"));
    }

    /// <summary>
    /// The attempt's cost and tokens include its transient tries: a rate limit after ten turns still
    /// spent those ten turns. Read from each try-N/result.json, so a driver that adopted the attempt
    /// after a crash counts them too.
    /// </summary>
    private static AgentReport WithEarlierTries(AttemptFiles files, AgentReport report)
    {
        var tries = Directory.Exists(files.Dir)
            ? Directory.GetDirectories(files.Dir, "try-*").Select(dir => AttemptResultFile.Read(new AttemptFiles(dir))).OfType<AgentOutcome>().ToList()
            : [];
        if (tries.Count == 0) return report;
        var costs = tries.Select(t => t.Report.CostUsd).Append(report.CostUsd).OfType<decimal>().ToList();
        var tokens = tries.Select(t => t.Report.Tokens).Append(report.Tokens).OfType<TokenCounts>().ToList();
        return report with
        {
            CostUsd = costs.Count == 0 ? null : costs.Sum(),
            Tokens = tokens.Count == 0 ? null : tokens.Aggregate(new TokenCounts(), (sum, t) => sum.Add(t)),
        };
    }

    private static void ArchiveTry(AttemptFiles files, int retry)
    {
        var target = files.RetryDir(retry);
        Directory.CreateDirectory(target);
        foreach (var file in new[] { files.Stdout, files.Stderr, files.ExitCode, files.Pid, files.WrapperLog, files.Invocation, files.Launching, files.Result })
        {
            if (File.Exists(file)) File.Move(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }
    }

    private void WriteResult(AttemptFiles files, AgentOutcome outcome, int retries)
    {
        var (exit, report) = (outcome.Exit, outcome.Report);
        var result = new JsonObject
        {
            ["provider"] = outcome.Provider,
            ["exit_code"] = exit.ExitCode,
            ["killed_by"] = exit.KilledBy,
            ["duration_s"] = Math.Round(exit.Duration.TotalSeconds, 3),
            ["last_output_at"] = exit.LastOutputAt.ToString("O", CultureInfo.InvariantCulture),
            ["session_id"] = report.SessionId,
            ["model"] = report.Model,
            ["turns"] = report.Turns,
            ["tokens"] = report.Tokens is null ? null : new JsonObject
            {
                ["input"] = report.Tokens.Input, ["output"] = report.Tokens.Output, ["cached"] = report.Tokens.Cached,
            },
            ["cost_usd"] = report.CostUsd,
            ["tool_calls"] = report.ToolCalls,
            ["completed"] = report.Completed,
            ["final"] = report.FinalOutcome is null && report.ApiStatus is null ? null : new JsonObject
            {
                ["outcome"] = report.FinalOutcome, ["error_type"] = report.FinalErrorType, ["api_status"] = report.ApiStatus,
            },
            ["failure_class"] = report.FailureClass,
            ["error"] = report.Error,
            ["transient_retries"] = retries,
        };
        File.WriteAllText(files.Result, redactor.RedactJson(result.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n"));
    }
}
