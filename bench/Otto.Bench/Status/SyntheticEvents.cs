using System.Globalization;
using System.Text;
using Otto.Runs;

namespace Otto.Bench.Status;

/// <summary>
/// The events of a long synthetic run, in commits (events recorded at the same moment, as otto does):
/// the header (run_started, classify and plan stages, plan_accepted), then every task's attempts —
/// claim, start, transient retries, finish, status, commit, verify, and a failure (verification or a
/// merge conflict) or the merge — with up to 8 tasks in flight and dependencies respected. The number
/// of extra attempts and retries is chosen so the log holds exactly the requested number of events.
/// Values use the CLR types otto writes (long start_time and tokens): the journal folds the in-memory
/// nodes of what it just appended, and those convert only to their own type.
/// </summary>
public sealed class SyntheticEvents(Random random, string runId, string baseSha)
{
    private const int HeaderEvents = 7;
    private const int EventsPerAttempt = 7;
    private const int EventsPerRetry = 2;
    private const int InFlight = 8;

    public IEnumerable<NewEvent[]> All(IReadOnlyList<SyntheticTask> tasks, int totalEvents)
    {
        var extra = totalEvents - HeaderEvents - EventsPerAttempt * tasks.Count;
        if (extra < 0) throw new ArgumentException($"{totalEvents} events are too few for {tasks.Count} tasks (at least {HeaderEvents + EventsPerAttempt * tasks.Count})");
        var retryEvents = extra / 10 / EventsPerRetry * EventsPerRetry;
        var extraAttempts = (extra - retryEvents) / EventsPerAttempt;
        var leftover = extra - retryEvents - extraAttempts * EventsPerAttempt;
        var retries = retryEvents / EventsPerRetry + leftover / EventsPerRetry;
        var resumes = leftover % EventsPerRetry; // 0 or 1 run_resumed

        var attempts = tasks.Select(_ => 1).ToArray();
        for (var i = 0; i < extraAttempts; i++) attempts[random.Next(tasks.Count)]++;
        var retryPlan = tasks.Select((_, i) => new int[attempts[i]]).ToArray();
        for (var i = 0; i < retries; i++)
        {
            var t = random.Next(tasks.Count);
            retryPlan[t][random.Next(attempts[t])]++;
        }

        foreach (var commit in Header(tasks)) yield return commit;
        var scripts = tasks.Select((t, i) => TaskSteps(t, retryPlan[i]).GetEnumerator()).ToArray();
        var done = new HashSet<string>(StringComparer.Ordinal);
        var active = new List<int>();
        var next = 0;
        var emitted = 0;
        var resumeAt = resumes > 0 ? random.Next(1, 1000) : -1;
        while (done.Count < tasks.Count)
        {
            while (active.Count < InFlight && next < tasks.Count && tasks[next].DependsOn.All(done.Contains)) active.Add(next++);
            var pick = active[random.Next(active.Count)];
            if (scripts[pick].MoveNext())
            {
                if (++emitted == resumeAt) yield return [new NewEvent(new RunResumed("otto resume"))];
                yield return scripts[pick].Current;
            }
            else
            {
                done.Add(tasks[pick].Id);
                active.Remove(pick);
            }
        }
    }

    private IEnumerable<NewEvent[]> Header(IReadOnlyList<SyntheticTask> tasks)
    {
        yield return [new NewEvent(new RunStarted(runId, "build the whole platform from the spec in docs/spec.md", "main", baseSha, "otto/" + runId, false, OttoVersion.Current))];
        foreach (var stage in new[] { Stage.Classify, Stage.Plan })
        {
            yield return [new NewEvent(new StageStarted(stage, 1))];
            var accepted = stage == Stage.Classify
                ? new NewEvent(new ClassificationAccepted("greenfield", "large", false, "many independent modules"))
                : new NewEvent(SyntheticPlan.EventData(runId, tasks));
            yield return [accepted, new NewEvent(new StageFinished(stage, 1, Ok: true))];
        }
    }

    private IEnumerable<NewEvent[]> TaskSteps(SyntheticTask task, int[] retriesPerAttempt)
    {
        var (id, session) = (task.Id, Guid.NewGuid().ToString());
        var head = baseSha;
        for (var a = 1; a <= retriesPerAttempt.Length; a++)
        {
            var last = a == retriesPerAttempt.Length;
            yield return [new NewEvent(new TaskClaimed(new Owner("build-host", 4242, 1_234_567L, Hex(12)), a == 1 ? AttemptKind.Execute : AttemptKind.Fix, false), id, a)];
            yield return [Started(id, a, session)];
            for (var r = 1; r <= retriesPerAttempt[a - 1]; r++)
            {
                yield return [new NewEvent(new AttemptRetried(r, "rate limited (HTTP 429): overloaded_error", 5.0 * r), id, a)];
                yield return [Started(id, a, session)];
            }
            yield return [Finished(id, a, session)];
            var commit = Hex(40);
            yield return
            [
                new NewEvent(new StatusIngested(".ai/status.json", "success", $"implemented {task.Title.ToLowerInvariant()} with tests", null), id, a),
                new NewEvent(new ChangesCommitted(commit, head, true), id, a),
            ];
            head = commit;
            var verifyFails = !last && random.Next(3) > 0;
            var signature = verifyFails ? "sig-" + Hex(12) : null;
            var verify = new NewEvent(new VerifyFinished(!verifyFails, verifyFails ? "dotnet test" : null, verifyFails ? 1 : 0, false, signature, ["verify-1.log"]), id, a);
            if (verifyFails)
            {
                yield return [verify, new NewEvent(AttemptFailed.Of(new FailureInfo(FailureKind.Verification, TestOutput(task), signature, Command: "dotnet test")), id, a)];
            }
            else if (!last)
            {
                yield return [verify];
                var conflict = new MergeConflict(["src/index.ts"], Hex(40), ["CONFLICT (content): Merge conflict in src/index.ts"],
                    Reason: $"merging task {id} conflicts with work already merged, in: src/index.ts", Signature: "sig-" + Hex(12));
                yield return [new NewEvent(conflict, id, a)];
            }
            else
            {
                yield return [verify];
                yield return [new NewEvent(new TaskMerged(commit, Hex(40), false), id, a)];
            }
        }
    }

    private NewEvent Started(string id, int attempt, string session) =>
        new(new AttemptStarted(random.Next(1000, 4_000_000), random.Next(1_000_000, 9_000_000), session), id, attempt);

    private NewEvent Finished(string id, int attempt, string session) => new(new AttemptFinished(
        0, null, Math.Round(30 + random.NextDouble() * 600, 3), session, Math.Round((decimal)random.NextDouble(), 4),
        new TokenCounts(random.Next(5_000, 400_000), random.Next(500, 20_000), random.Next(0, 300_000)), null, null), id, attempt);

    /// <summary>A failing test run's output, 300 to 3,000 characters: what verification failures carry verbatim.</summary>
    private string TestOutput(SyntheticTask task)
    {
        var text = new StringBuilder("  Determining projects to restore...\n  All projects are up-to-date for restore.\n");
        for (var i = random.Next(1, 7); i > 0; i--)
        {
            var expected = random.Next(100);
            text.Append(CultureInfo.InvariantCulture, $"  Failed {task.Id}.Tests.Handles_case_{random.Next(1000)} [{random.Next(1, 900)} ms]\n");
            text.Append(CultureInfo.InvariantCulture, $"  Error Message:\n   Assert.Equal() Failure: Values differ\n   Expected: {expected}\n   Actual:   {expected + 1}\n");
            text.Append(CultureInfo.InvariantCulture, $"  Stack Trace:\n     at {task.Id}.Tests.Handles_case() in /src/tests/{task.Id}/Tests.cs:line {random.Next(10, 400)}\n");
        }
        text.Append(CultureInfo.InvariantCulture, $"Failed!  - Failed: {random.Next(1, 7)}, Passed: {random.Next(10, 300)}, Skipped: 0\n");
        return text.ToString();
    }

    private string Hex(int length)
    {
        var bytes = new byte[(length + 1) / 2];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes)[..length];
    }
}
