using System.Diagnostics;
using Otto.Agents;

namespace Otto.Doctor;

/// <summary>Runs a CLI briefly (`--help`, `--version`) and returns what it printed, stdout and stderr together.</summary>
public static class CliOutput
{
    public sealed record Result(int? ExitCode, string Text, bool TimedOut);

    public static async Task<Result> RunAsync(string binary, IReadOnlyList<string> arguments, TimeSpan timeout, CancellationToken ct)
    {
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        foreach (var name in NestingVariables.Names) info.Environment.Remove(name);
        info.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {binary}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            ct.ThrowIfCancellationRequested();
            return new Result(null, "", TimedOut: true);
        }
        return new Result(process.ExitCode, (await stdout.ConfigureAwait(false)) + "\n" + (await stderr.ConfigureAwait(false)), TimedOut: false);
    }

    /// <summary>Where a program is, or null: a bare name is looked up on PATH.</summary>
    public static string? Locate(string binary) => Engine.Executables.Find(binary);

    /// <summary>The first line of `--version`, or null when it says nothing useful quickly.</summary>
    public static async Task<string?> VersionAsync(string binary, CancellationToken ct)
    {
        try
        {
            var result = await RunAsync(binary, ["--version"], TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
            return result.ExitCode == 0 ? result.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
