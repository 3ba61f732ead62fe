using Otto.Agents;
using Otto.Config;
using Otto.Engine;
using Otto.Runs;
using Otto.Scheduling;

namespace Otto.Execution;

/// <summary>
/// The shared rate-limit backoff of a run, for one task attempt or one stage's agent: read from the folded
/// log (so every attempt and every `otto work` process sees the same one), recorded with provider_backoff
/// and provider_recovered under the run lock (so two processes hit at once grow it once), and the wait
/// recorded with rate_limit_wait / rate_limit_waited (an attempt's appended only while it holds its claim;
/// a stage's with the stage's name and no task).
/// </summary>
public sealed class ProviderGate(
    RunJournal journal, LimitsConfig limits, Func<string, string> redact, string? taskId, int? attempt, Action<NewEvent[]> appendOwned, string? stage = null)
    : IProviderGate
{
    public static ProviderGate For(RunContext run, string taskId, int attempt, Action<NewEvent[]> appendOwned) =>
        new(run.Journal, run.Config.Limits, run.Redactor.Redact, taskId, attempt, appendOwned);

    /// <summary>For the agent of a stage (classify, plan, replan, pilot, review, choose): its wait is recorded
    /// with the stage's name and no task, so it is not counted among the attempts `otto status` shows waiting.</summary>
    public static ProviderGate ForStage(RunContext run, string stage) =>
        new(run.Journal, run.Config.Limits, run.Redactor.Redact, null, null, events => run.Journal.Append(events), stage);

    public async Task WaitAsync(string provider, CancellationToken ct)
    {
        DateTimeOffset? waitingSince = null;
        while (true)
        {
            var state = journal.Read();
            var now = DateTimeOffset.UtcNow;
            var limit = state.RateLimits.Of(provider);
            var wait = RateLimitRules.WaitFor(limit, now);
            if (wait <= TimeSpan.Zero)
            {
                // A wait a previous owner began (and died in) ends here too, so status stops counting it.
                var listed = taskId is not null && state.RateLimits.Waiting.Any(w => w.Task == taskId && w.Attempt == attempt);
                if (waitingSince is not null || listed)
                {
                    var waited = waitingSince is { } from ? Math.Round((now - from).TotalSeconds, 1) : 0;
                    appendOwned([new NewEvent(new RateLimitWaited(provider, waited, stage), taskId, attempt)]);
                }
                return;
            }
            if (waitingSince is null)
            {
                waitingSince = now;
                appendOwned([new NewEvent(new RateLimitWait(provider, limit!.Until, stage), taskId, attempt)]);
            }
            // Until the end as known now (spread a little); then look again: another hit, from any process, may
            // have moved it.
            await Task.Delay(wait + RateLimitRules.Spread(wait, Random.Shared.NextDouble()), ct).ConfigureAwait(false);
        }
    }

    public void RateLimited(string provider, RateLimitHit hit, DateTimeOffset agentStartedAt)
    {
        journal.Commit(state =>
        {
            var current = state.RateLimits.Of(provider);
            var (until, hits) = RateLimitRules.Next(current, agentStartedAt, DateTimeOffset.UtcNow, hit.RetryAfter,
                limits.RateLimitBackoff, limits.RateLimitBackoffMax, Random.Shared.NextDouble());
            return [new NewEvent(new ProviderBackoff(provider, until, redact(hit.Reason), hits, hit.RetryAfter is { } after ? Math.Round(after.TotalSeconds, 3) : null))];
        });
    }

    public void GotThrough(string provider, DateTimeOffset agentStartedAt)
    {
        // Nearly always nothing to end: no need to take the run lock for that.
        if (journal.Read().RateLimits.Of(provider) is null) return;
        journal.Commit(state => RateLimitRules.Clears(state.RateLimits.Of(provider), agentStartedAt)
            ? [new NewEvent(new ProviderRecovered(provider))]
            : []);
    }
}
