using Otto.Agents;
using Otto.Report;
using Otto.Templates;
using Otto.Secrets;

namespace Otto.Pr;

/// <summary>What the PR template sees beside the run: how it is published and how to check it again.</summary>
/// <param name="Failed">The run did not succeed (published with --allow-failed).</param>
/// <param name="Reproduce">Shell commands that verify the pushed head again on a clean checkout.</param>
public sealed record PrView(bool Failed, string Branch, string HeadSha, string? Remote, IReadOnlyList<string> Reproduce);

/// <summary>The PR body, rendered from the run with templates/pr.md.sbn (overridable like every template).</summary>
public static class PrBody
{
    public const string TemplateName = "pr.md";
    public const string FileName = "pr.md";

    public static string Render(RunRecord record, PrView pr, TemplateStore templates, Redactor redactor, DateTimeOffset now)
    {
        var model = new Dictionary<string, object?> { ["run"] = RunViewBuilder.Build(record, now), ["pr"] = pr };
        return redactor.Redact(TemplateRunner.Render(templates.Find(TemplateName), model));
    }

    /// <summary>Fetch the branch (when it is on a remote), check out the verified head, run the verify commands.</summary>
    public static IReadOnlyList<string> Reproduce(RunRecord record, string head, string? remote)
    {
        var folder = $"../otto-verify-{record.State.RunId}";
        var commands = new List<string>();
        if (remote is not null) commands.Add(CommandLine.Format(["git", "fetch", remote, record.State.IntegrationBranch]));
        commands.Add(CommandLine.Format(["git", "worktree", "add", "--detach", folder, head]));
        commands.Add(CommandLine.Format(["cd", folder]));
        commands.AddRange(record.VerifyCommands);
        return commands;
    }
}
