using System.CommandLine;
using System.Text.Json;
using Otto.Doctor;

namespace Otto.Cli.Commands;

/// <summary>`otto doctor [--probe] [--json] [--no-baseline]`: preflight of git, setsid, otto.yaml and the agent
/// CLIs, then the project's setup and verify commands on the last commit.</summary>
public static class DoctorCommand
{
    private static readonly Option<bool> Probe = new("--probe") { Description = "Also send each agent CLI one short real prompt (costs a little)." };
    private static readonly Option<bool> Json = CommonOptions.Json("Machine-readable results on stdout.");
    private static readonly Option<bool> NoBaseline = new("--no-baseline") { Description = "Skip running otto.yaml's setup and verify commands on the last commit." };

    public static Command Create(CliIO io)
    {
        var command = new Command("doctor", "Check that git, the agent CLIs and otto.yaml are ready for a run.") { Probe, Json, NoBaseline };
        command.SetAction(async (parsed, ct) =>
        {
            var report = await new DoctorChecks(CommonOptions.WorkingDirectory(parsed), parsed.GetValue(Probe)).RunAsync(ct).ConfigureAwait(false);
            if (!parsed.GetValue(NoBaseline)) report = new DoctorReport([.. report.Checks, .. await BaselineCheck.RunAsync(CommonOptions.WorkingDirectory(parsed), ct).ConfigureAwait(false)]);
            if (parsed.GetValue(Json)) io.Out.WriteLine(report.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            else io.Out.Write(Render(report));
            return report.ExitCode;
        });
        return command;
    }

    private static string Render(DoctorReport report)
    {
        var text = new System.Text.StringBuilder();
        var width = report.Checks.Max(c => c.Name.Length);
        foreach (var check in report.Checks)
        {
            text.Append($"{check.StatusText,-4}  {check.Name.PadRight(width)}  {check.Detail}\n");
            if (check.Fix is { } fix && check.Status != CheckStatus.Pass) text.Append($"      {"".PadRight(width)}  fix: {fix}\n");
        }
        var fails = report.Checks.Count(c => c.Status == CheckStatus.Fail);
        var warns = report.Checks.Count(c => c.Status == CheckStatus.Warn);
        text.Append(fails == 0 ? $"\nready{(warns > 0 ? $" ({warns} warning(s))" : "")}\n" : $"\n{fails} check(s) failed\n");
        return text.ToString();
    }
}
