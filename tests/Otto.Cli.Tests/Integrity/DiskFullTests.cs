using System.Diagnostics;
using Otto.Tests.Parallel;

namespace Otto.Tests.Integrity;

/// <summary>
/// Issue 8, case 3: the disk fills up under a run (here an agent writes a big file next to the repository,
/// on a 24 MB tmpfs that holds the repository, its run folder and the worktrees). The run ends as an
/// environment problem (exit 4), not an internal error, and burns no attempt; once there is room again,
/// `otto resume` carries it on to success within `max_attempts: 1`.
/// </summary>
public sealed class DiskFullTests
{
    [SkippableFact]
    public async Task A_full_disk_ends_the_run_as_environment_and_resume_finishes_it_without_spending_an_attempt()
    {
        using var disk = SmallDisk.TryMount(24, out var why);
        Skip.If(disk is null, $"cannot mount a tmpfs here ({why}); the test needs root, as in .ci/run");
        var fill = Path.Combine(disk.Root, "fill.bin");
        var filler = new TaskSpec("filler", Sleep: 0)
        {
            // Fills the file system to its last block; dd's own "No space left on device" is expected.
            Commands = [$"dd if=/dev/zero of='{fill}' bs=1M count=64 2>/dev/null || true"],
            LaterAttempts = ["output: [\"again, with room\"]\nfiles:\n  out/filler.txt: \"filler\\n\"\nstatus: { outcome: success, summary: done }"],
        };
        using var run = new ParallelRepo([filler], concurrency: 1, extraConfig: "limits: { max_attempts: 1 }", parent: disk.Root);
        var env = run.Env();
        env["XDG_STATE_HOME"] = Path.Combine(disk.Root, "state");

        var build = await OttoProcess.RunAsync(run.Repo.Root, env, TimeSpan.FromMinutes(2), "build", "fill the disk");

        Assert.True(build.ExitCode == 4, build.ToString());
        Assert.DoesNotContain("internal error", build.Stderr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("disk is full", build.Stderr, StringComparison.Ordinal);
        File.Delete(fill);
        var status = await OttoProcess.RunAsync(run.Repo.Root, env, TimeSpan.FromMinutes(1), "status", "--json");
        Assert.True(status.ExitCode == 0, status.ToString());
        Assert.Equal("environment", (string?)System.Text.Json.Nodes.JsonNode.Parse(status.Stdout)!["cause"]!["kind"]);

        var resume = await OttoProcess.RunAsync(run.Repo.Root, env, TimeSpan.FromMinutes(2), "resume", run.RunId);

        Assert.True(resume.ExitCode == 0, resume.ToString());
        var final = run.Final();
        Assert.Equal("succeeded", (string?)final["status"]);
        Assert.Null(final["written_without_log"]);
        // What otto wrote while the disk was full was its own: nothing of it reads as forged.
        Assert.DoesNotContain(final["warnings"]?.AsArray() ?? [], w => ((string?)w)!.Contains("final.json", StringComparison.Ordinal));
        Assert.Equal("filler\n", run.Repo.Show($"otto/{run.RunId}", "out/filler.txt"));
        Assert.Single(run.Events("task_merged"));
    }

    /// <summary>A tmpfs of a few MB, unmounted on dispose.</summary>
    private sealed class SmallDisk : IDisposable
    {
        private SmallDisk(string root) => Root = root;

        public string Root { get; }

        public static SmallDisk? TryMount(int megabytes, out string why)
        {
            var root = TestEnvironment.NewTempDir("otto-small-disk-");
            var mount = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes}m", "tmpfs", root);
            why = mount.Output;
            return mount.ExitCode == 0 ? new SmallDisk(root) : null;
        }

        public void Dispose() => Run("umount", "-l", Root);

        private static (int ExitCode, string Output) Run(string file, params string[] arguments)
        {
            try
            {
                var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
                foreach (var argument in arguments) info.ArgumentList.Add(argument);
                using var process = Process.Start(info)!;
                var output = process.StandardError.ReadToEnd() + process.StandardOutput.ReadToEnd();
                process.WaitForExit();
                return (process.ExitCode, output.Trim());
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                return (-1, e.Message);
            }
        }
    }
}
