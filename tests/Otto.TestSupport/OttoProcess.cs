using System.Diagnostics;
using System.Text;

namespace Otto.Tests;

/// <summary>
/// Runs the real `otto` executable as a child process (end-to-end tests): its own working directory,
/// isolated environment, captured stdout/stderr and exit code. <see cref="Start"/> gives the live process
/// for tests that signal or kill it.
/// </summary>
public sealed class OttoProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private OttoProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (_stdout) _stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (_stderr) _stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    public string Stdout { get { lock (_stdout) return _stdout.ToString(); } }

    public string Stderr { get { lock (_stderr) return _stderr.ToString(); } }

    public bool HasExited => _process.HasExited;

    /// <summary>The otto.dll next to the test assembly (the test project references Otto.Cli).</summary>
    public static string OttoDll => Path.Combine(AppContext.BaseDirectory, "otto.dll");

    private static readonly Lazy<string> Dotnet = new(() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "dotnet")).FirstOrDefault(File.Exists) ?? "dotnet");

    public static OttoProcess Start(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, params string[] arguments)
    {
        TestEnvironment.Ensure();
        // Through `env --default-signal=INT` (which execs dotnet, same pid): a suite started in the
        // background inherits SIGINT ignored, and .NET then never sees the Ctrl-C the signal tests send.
        var info = new ProcessStartInfo("env")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add(Dotnet.Value); // resolved here: env would look it up on the child's PATH, which a test may narrow
        info.ArgumentList.Add(OttoDll);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        if (environment is not null)
        {
            foreach (var (key, value) in environment)
            {
                if (value is null) info.Environment.Remove(key);
                else info.Environment[key] = value;
            }
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start otto");
        process.StandardInput.Close();
        return new OttoProcess(process);
    }

    /// <summary>Runs otto to its end (or kills it after the timeout, which fails the test).</summary>
    public static async Task<OttoResult> RunAsync(string workingDirectory, params string[] arguments) =>
        await RunAsync(workingDirectory, null, TimeSpan.FromMinutes(3), arguments);

    public static async Task<OttoResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?>? environment, TimeSpan timeout, params string[] arguments)
    {
        using var otto = Start(workingDirectory, environment, arguments);
        return await otto.WaitAsync(timeout);
    }

    public async Task<OttoResult> WaitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"otto did not finish within {timeout}; stderr so far:\n{Stderr}");
        }
        _process.WaitForExit(); // flushes the asynchronous output readers
        return new OttoResult(_process.ExitCode, Stdout, Stderr);
    }

    public void Signal(int signal) => Platform.ProcessGroup.SignalProcess(_process.Id, signal);

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}

public sealed record OttoResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
