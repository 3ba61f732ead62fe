using System.Text.Json.Nodes;

namespace Otto.Doctor;

public enum CheckStatus
{
    Pass,
    Warn,
    Fail,
}

/// <summary>
/// One preflight check: what was checked, how it went, what was found and, when it did not pass, one
/// sentence saying how to fix it. Environment checks (git, setsid, agent CLIs) fail with exit code 4;
/// a configuration check fails with 2.
/// </summary>
public sealed record DoctorCheck(string Name, CheckStatus Status, string Detail, string? Fix = null, bool IsEnvironment = true)
{
    public static DoctorCheck Pass(string name, string detail) => new(name, CheckStatus.Pass, detail);

    public static DoctorCheck Warn(string name, string detail, string fix, bool isEnvironment = true) => new(name, CheckStatus.Warn, detail, fix, isEnvironment);

    public static DoctorCheck Fail(string name, string detail, string fix, bool isEnvironment = true) => new(name, CheckStatus.Fail, detail, fix, isEnvironment);

    public string StatusText => Status.ToString().ToLowerInvariant();
}

/// <summary>All checks of one `otto doctor`, and the exit code they add up to.</summary>
public sealed record DoctorReport(IReadOnlyList<DoctorCheck> Checks)
{
    public int ExitCode =>
        Checks.Any(c => c.Status == CheckStatus.Fail && c.IsEnvironment) ? ExitCodes.Environment
        : Checks.Any(c => c.Status == CheckStatus.Fail) ? ExitCodes.BadInput
        : ExitCodes.Succeeded;

    public JsonObject ToJson() => new()
    {
        ["schema_version"] = 1,
        ["ok"] = ExitCode == ExitCodes.Succeeded,
        ["exit_code"] = ExitCode,
        ["checks"] = new JsonArray(Checks.Select(c => (JsonNode)new JsonObject
        {
            ["name"] = c.Name, ["status"] = c.StatusText, ["detail"] = c.Detail, ["fix"] = c.Fix,
        }).ToArray()),
    };
}
