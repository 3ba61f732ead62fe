using System.Globalization;
using Otto.Platform;
using Otto.Tests.Parallel;

namespace Otto.Tests.Agents;

/// <summary>
/// reliability.md #22: no process an attempt started outlives it, not even one that left the agent's
/// process group: a daemon started with setsid, a classic double fork (fork, setsid, fork, exit), and one
/// that also dropped its whole environment (env -i). Checked for every way an attempt ends, and for a
/// crashed driver whose agent died with it: `otto gc` stops what is left.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // otto runs agents on Linux and macOS only
public sealed class EscapedProcessTests
{
    /// <summary>Starts the escapes, each writing its pid to the folder given as $1, and waits for all of them.</summary>
    private const string Escapes = """
        d=$1
        (setsid sh -c 'echo $$ > "$0/setsid.pid.tmp" && mv "$0/setsid.pid.tmp" "$0/setsid.pid"; while :; do sleep 1; done' "$d" &)
        setsid sh -c 'sh -c '\''echo $$ > "$0/double.pid.tmp" && mv "$0/double.pid.tmp" "$0/double.pid"; while :; do sleep 1; done'\'' "$0" & exit 0' "$d" &
        if [ "$2" = all ]; then
          # the escape that also drops its environment has a child of its own: it reaches the wrapper only once the escape is killed
          (setsid env -i sh -c 'sleep 300 & echo $! > "$0/grandchild.pid.tmp" && mv "$0/grandchild.pid.tmp" "$0/grandchild.pid"; echo $$ > "$0/clean.pid.tmp" && mv "$0/clean.pid.tmp" "$0/clean.pid"; while :; do sleep 1; done' "$d" &)
        fi
        echo "escapes started"
        until [ -s "$d/setsid.pid" ] && [ -s "$d/double.pid" ] && { [ "$2" != all ] || { [ -s "$d/clean.pid" ] && [ -s "$d/grandchild.pid" ]; }; }; do echo "waiting for the escapes"; sleep 0.05; done
        echo "escapes running"
        """;

    [Theory]
    [InlineData("success", 0, "", "")]
    [InlineData("success", 0, "", "otto")] // the launcher where perl is missing: otto __subreaper
    [InlineData("failure", 1, "", "")]
    [InlineData("stall", 1, "limits: { stall_timeout: 2s, kill_grace: 1s, max_attempts: 1 }", "")]
    [InlineData("timeout", 1, "limits: { attempt_timeout: 6s, kill_grace: 1s, max_attempts: 1 }", "")]
    [InlineData("cancel", 130, "", "")]
    public async Task Nothing_an_attempt_started_survives_its_end(string ending, int exitCode, string limits, string launcher)
    {
        using var pids = new TempDir();
        using var run = Repo(pids, ending, "all", limits.Length > 0 ? limits : "limits: { max_attempts: 1 }");
        var env = run.Env();
        if (launcher.Length > 0) env[Subreaper.LauncherVariable] = launcher;
        try
        {
            using var otto = OttoProcess.Start(run.Repo.Root, env, "build", "escape the attempt");
            await Eventually.WaitUntil(() => Escaped(pids).Count == 4 || otto.HasExited, TimeSpan.FromMinutes(1), "the escapes to run");
            var escapes = Escaped(pids);
            Assert.Equal(4, escapes.Count);
            Assert.All(escapes, p => Assert.True(p.IsAlive(), $"escape {p.Pid} runs while the attempt does"));
            Proceed(pids);
            if (ending == "cancel") otto.Signal(ProcessGroup.SigTerm);

            var result = await otto.WaitAsync(TimeSpan.FromMinutes(2));

            Assert.True(result.ExitCode == exitCode, result.ToString());
            Assert.All(escapes, p => Assert.False(p.IsAlive(), $"escape {p.Pid} ({ending}) outlived its attempt"));
            Assert.Empty(ProcessSweep.Find(ProcessTag.OfRun(run.RunDir)));
        }
        finally
        {
            KillAll(pids);
        }
    }

    [Fact]
    public async Task Gc_stops_what_an_attempt_left_after_its_driver_and_wrapper_crashed_and_spares_a_live_run()
    {
        using var pids = new TempDir();
        using var run = Repo(pids, "hang", "tagged", "limits: { max_attempts: 1 }");
        List<ProcessIdentity> escapes;
        try
        {
            using (var driver = OttoProcess.Start(run.Repo.Root, run.Env(), "build", "crash under me"))
            {
                await Eventually.WaitUntil(() => Escaped(pids).Count == 2 || driver.HasExited, TimeSpan.FromMinutes(1), "the escapes to run");
                escapes = Escaped(pids);
                Assert.Equal(2, escapes.Count);

                var whileDriven = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "gc");
                Assert.True(whileDriven.ExitCode == 0, whileDriven.ToString());
                Assert.All(escapes, p => Assert.True(p.IsAlive(), $"gc stopped {p.Pid} of a run its driver still drives"));

                driver.Signal(ProcessGroup.SigKill);
                await driver.WaitAsync(TimeSpan.FromSeconds(30));
            }
            var wrapper = Wrapper(run);
            Assert.True(wrapper.IsAlive(), "the agent outlives its driver");
            ProcessGroup.Signal(wrapper.Pid, ProcessGroup.SigKill); // the wrapper and its group die too, as in a crash
            await Eventually.WaitUntil(() => !wrapper.IsAlive(), TimeSpan.FromSeconds(30), "the wrapper to die");
            Assert.All(escapes, p => Assert.True(p.IsAlive(), $"{p.Pid} left the group, so a group kill does not reach it"));

            var gc = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "gc");

            Assert.True(gc.ExitCode == 0, gc.ToString());
            Assert.Contains("stop leftover processes of tasks/escaper/attempt-1", gc.Stdout, StringComparison.Ordinal);
            Assert.All(escapes, p => Assert.False(p.IsAlive(), $"escape {p.Pid} survived gc"));
            Assert.Empty(ProcessSweep.Find(ProcessTag.OfRun(run.RunDir)));
        }
        finally
        {
            KillAll(pids);
        }
    }

    /// <summary>A scripted planner and a command agent that starts the escapes, then ends as told.</summary>
    private static ParallelRepo Repo(TempDir pids, string ending, string which, string limits)
    {
        var agent = pids.Write("agent.sh", "#!/bin/sh\nescape() {\n" + Escapes + "\n}\n" + $$"""
            escape '{{pids.Path}}' {{which}}
            until [ -e '{{pids.Path}}/go' ]; do echo "waiting for the test to see the escapes"; sleep 0.05; done
            case {{ending}} in
              success) mkdir -p out && echo done > out/escaper.txt && echo '{"outcome":"success","summary":"done"}' > "$OTTO_STATUS_FILE" ;;
              failure) echo "failing on purpose" >&2; exit 1 ;;
              timeout) while :; do echo busy; sleep 0.2; done ;;
              *) while :; do sleep 1; done ;;
            esac
            """);
        File.SetUnixFileMode(agent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new ParallelRepo([new TaskSpec("escaper")], concurrency: 1,
            $"roles: {{ implementer: {{ provider: command, command: [\"{agent}\"] }} }}\n{limits}");
    }

    /// <summary>The agent goes on to its ending only once the test has seen the escapes alive: otherwise a fast
    /// ending (or a busy machine) could stop them before the test looks, and "stopped" would prove nothing.</summary>
    private static void Proceed(TempDir pids) => File.WriteAllText(pids.File("go"), "");

    private static List<ProcessIdentity> Escaped(TempDir pids) =>
        new[] { "setsid.pid", "double.pid", "clean.pid", "grandchild.pid" }.Select(pids.File).Where(File.Exists)
            .Select(f => int.Parse(File.ReadAllText(f).Trim(), CultureInfo.InvariantCulture))
            .Select(pid => ProcessIdentity.Of(pid) ?? new ProcessIdentity(pid, -1)).ToList();

    private static ProcessIdentity Wrapper(ParallelRepo run)
    {
        var parts = File.ReadAllText(Path.Combine(run.RunDir, "tasks", "escaper", "attempt-1", "pid")).Split(' ', StringSplitOptions.TrimEntries);
        return new ProcessIdentity(int.Parse(parts[0], CultureInfo.InvariantCulture), long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    /// <summary>However the test ended, nothing it started stays behind on the machine.</summary>
    private static void KillAll(TempDir pids)
    {
        foreach (var escape in Escaped(pids).Where(p => p.IsAlive())) ProcessGroup.SignalProcess(escape.Pid, ProcessGroup.SigKill);
    }
}
