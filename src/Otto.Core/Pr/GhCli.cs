using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Otto.Engine;

namespace Otto.Pr;

/// <summary>What one `gh` invocation did.</summary>
public sealed record GhResult(IReadOnlyList<string> Arguments, int ExitCode, string Stdout, string Stderr)
{
    public bool Ok => ExitCode == 0;

    public string Command => CommandLine.Format(["gh", .. Arguments]);

    /// <summary>gh's own message, for an error sentence.</summary>
    public string Message => (string.IsNullOrWhiteSpace(Stderr) ? Stdout : Stderr).Trim().Split('\n').FirstOrDefault()?.Trim() ?? "";
}

/// <summary>
/// Runs the GitHub CLI in the repository (so it finds the GitHub repository from the git remotes),
/// never interactively: prompts disabled, stdin closed, no colours, no update notice, bounded in time.
/// </summary>
public sealed class GhCli(string binary, string workingDirectory)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static GhCli? Find(string workingDirectory) => Executables.Find("gh") is { } path ? new GhCli(path, workingDirectory) : null;

    public GhResult Run(params string[] arguments)
    {
        var info = new ProcessStartInfo(binary)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["GH_PROMPT_DISABLED"] = "1";
        info.Environment["GH_NO_UPDATE_NOTIFIER"] = "1";
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info) ?? throw new OttoException($"could not start {binary}", ExitCodes.Environment);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new OttoException($"`{CommandLine.Format(["gh", .. arguments])}` did not answer within {Timeout.TotalMinutes:0} minutes (network? `gh auth status`)", ExitCodes.Environment);
        }
        process.WaitForExit();
        return new GhResult(arguments, process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Runs gh and fails with gh's own message when it fails (exit 4: gh, its login or GitHub).</summary>
    public GhResult Ensure(params string[] arguments)
    {
        var result = Run(arguments);
        return result.Ok ? result : throw new OttoException($"`{result.Command}` failed (exit {result.ExitCode}): {result.Message}", ExitCodes.Environment);
    }

    /// <summary>gh's `--json` output, parsed; a shape otto does not expect is an error naming the command.</summary>
    public static T Json<T>(GhResult result) where T : JsonNode
    {
        try
        {
            return JsonNode.Parse(result.Stdout) as T ?? throw new OttoException($"`{result.Command}` printed no JSON {(typeof(T) == typeof(JsonArray) ? "array" : "object")}", ExitCodes.Environment);
        }
        catch (JsonException e)
        {
            throw new OttoException($"`{result.Command}` printed something that is not JSON: {e.Message}", ExitCodes.Environment);
        }
    }
}
