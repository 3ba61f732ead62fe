using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Agents;
using Otto.Git;
using Otto.Planning;
using Otto.Reporting;
using Otto.Runs;
using Otto.Events;
using Otto.Secrets;

namespace Otto.Report;

/// <summary>Gathers a <see cref="RunRecord"/> from a run folder and the repository's branches.</summary>
public static class RunRecordReader
{
    /// <summary>How much of a fix's diff a report keeps.</summary>
    public const int DiffChars = 64 * 1024;

    public static RunRecord Read(RunPaths paths, Redactor redactor)
    {
        var info = RunInfo.Load(paths);
        var state = new RunJournal(paths).Read();
        var history = EventHistory.Read(paths);
        var repo = new GitRepo(info.RepoRoot);
        var folders = new AttemptFolderReader(redactor);
        var tasks = state.Tasks.OrderBy(t => t.Order).Select(task =>
        {
            var attempts = new List<AttemptRecord>();
            foreach (var span in history.Of(task.Id))
            {
                var dir = paths.AttemptDir(task.Id, span.Attempt);
                var baseCommit = folders.BaseCommit(dir);
                var fix = span.Attempt > 1 && baseCommit is not null && span.Commit is not null ? Diff(repo, baseCommit, span.Commit, redactor) : null;
                attempts.Add(new AttemptRecord(span, folders.Read(dir), baseCommit, fix));
            }
            return new TaskRecord(task, TaskView.StateOf(task, state), attempts);
        }).ToList();
        var stages = history.Stages.Select(s => new StageRecord(s, folders.Read(paths.StageAttemptDir(s.Stage, s.Attempt)))).ToList();
        var final = ReadFinal(paths, redactor);
        var head = final?.HeadSha ?? state.IntegrationHead;
        return new RunRecord
        {
            Paths = paths,
            State = state,
            Info = info,
            History = history,
            Final = final,
            Tasks = tasks,
            Stages = stages,
            Plans = ReadPlans(paths, info, state, redactor),
            Review = ReviewFileReader.Read(paths.Dir, redactor),
            DiffStat = head is null || head == state.BaseSha ? null : DiffStat(repo, state.BaseSha, head),
        };
    }

    public static string? DiffStat(GitRepo repo, string from, string to)
    {
        var result = repo.Git("diff", "--stat=100", "--no-color", $"{from}..{to}");
        return result.Ok ? result.Stdout.TrimEnd() : null;
    }

    private static DiffText? Diff(GitRepo repo, string from, string to, Redactor redactor)
    {
        var result = repo.Git("diff", "--no-color", "--no-ext-diff", from, to);
        if (!result.Ok) return null; // the task branch was pruned (otto gc --prune-branches)
        var text = result.Stdout;
        var cut = text.Length > DiffChars;
        return new DiffText(from, to, redactor.Redact(cut ? text[..DiffChars] : text), cut);
    }

    private static FinalSummary? ReadFinal(RunPaths paths, Redactor redactor)
    {
        if (!File.Exists(paths.Final)) return null;
        if (JsonNode.Parse(File.ReadAllText(paths.Final)) is not JsonObject o) return null;
        var cause = o["cause"] as JsonObject;
        return new FinalSummary(
            Str(o["status"]) ?? RunStatus.Failed.Name(),
            Str(o["reason"]) is { } reason ? redactor.Redact(reason) : null,
            Str(cause?["kind"]),
            Str(cause?["task"]),
            Str(o["head_sha"]),
            o["duration_s"] is JsonValue d && d.TryGetValue<double>(out var seconds) ? seconds : null,
            DateTimeOffset.TryParse(Str(o["finished_at"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null);
    }

    /// <summary>plan-v1.json, plan-v2.json...: every accepted plan, newest last, with its plan.md text.</summary>
    private static List<PlanVersion> ReadPlans(RunPaths paths, RunInfo info, RunState state, Redactor redactor)
    {
        var plans = new List<PlanVersion>();
        for (var version = 1; File.Exists(paths.Plan(version)); version++)
        {
            PlanDocument? plan = null;
            try
            {
                if (JsonNode.Parse(File.ReadAllText(paths.Plan(version))) is JsonObject json)
                    plan = PlanValidator.Validate(json, Math.Max(info.Config.Limits.MaxTasks, json["tasks"]?.AsArray().Count ?? 0)).Plan;
            }
            catch (JsonException)
            {
                plan = null;
            }
            var markdown = plan is null ? $"plan-v{version}.json could not be read." : PlanMarkdown.Render(state.Intent, plan, version);
            plans.Add(new PlanVersion(version, plan, redactor.Redact(markdown)));
        }
        return plans;
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
