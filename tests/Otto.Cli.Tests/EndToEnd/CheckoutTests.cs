using System.Text.Json.Nodes;
using Otto.Agents;
using Otto.Reporting;
using Otto.Tests.Parallel;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// reliability.md #17: an agent that writes into the user's own checkout. Without a sandbox otto cannot
/// stop a `command` agent running as the user, so it says so: final.json and `otto status` name the path.
/// With `sandbox: bwrap` the write fails, the checkout is unchanged, and the run folder is out of sight.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // otto runs agents on Linux and macOS only
public sealed class CheckoutTests
{
    [Fact]
    public async Task A_write_into_the_checkout_is_reported_naming_the_path()
    {
        using var agentDir = new TempDir();
        using var run = Repo("none", agentDir);

        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "build", "write where you should not");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("x\n", File.ReadAllText(Path.Combine(run.Repo.Root, "PWNED")));
        Assert.Equal(["PWNED"], run.Final()["checkout_changed"]!.AsArray().Select(p => (string?)p));
        Assert.Contains("your checkout changed during the run", result.Stderr, StringComparison.Ordinal);
        var status = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "status", run.RunId);
        Assert.Contains("warning: your checkout changed during the run (by you or by an agent; otto itself never writes there): PWNED", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_hidden_by_an_ignore_rule_is_reported_as_the_rule_s_change()
    {
        using var agentDir = new TempDir();
        using var run = Repo("none", agentDir, "echo PWNED >> \"$repo/.git/info/exclude\"");

        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "build", "write where you should not, then ignore it");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([".git/info/exclude"], run.Final()["checkout_changed"]!.AsArray().Select(p => (string?)p));
    }

    [Fact]
    public async Task A_write_hidden_by_rewriting_otto_s_record_of_the_checkout_is_still_reported()
    {
        using var agentDir = new TempDir();
        // Then it records PWNED as already there at the start, in the form otto's record has.
        using var run = Repo("none", agentDir, """
            hash=$(sha256sum "$repo/PWNED" | cut -c1-16 | tr a-f A-F)
            sed -i "s/\"files\": {}/\"files\": {\"PWNED\": \"?? $hash\"}/" "$run_dir/checkout.json"
            grep -q PWNED "$run_dir/checkout.json" && echo "record rewritten"
            """);

        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "build", "write where you should not, then hide it");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("record rewritten", File.ReadAllText(Path.Combine(run.RunDir, "tasks", "intruder", "attempt-1", "stdout.log")), StringComparison.Ordinal);
        Assert.Equal([CheckoutWatch.Altered], run.Final()["checkout_changed"]!.AsArray().Select(p => (string?)p));
        Assert.Contains("your checkout changed during the run", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Putting_back_the_record_from_before_the_end_does_not_drop_what_the_end_found()
    {
        using var agentDir = new TempDir();
        // otto's record as it is while the run goes on (marked, without an end), kept for later.
        using var run = Repo("none", agentDir, "cp \"$run_dir/checkout.json\" \"$OTTO_ATTEMPT_DIR/checkout.start.json\"");
        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "build", "write where you should not");
        var record = Path.Combine(run.RunDir, "checkout.json");
        Assert.Contains("\"end\"", File.ReadAllText(record), StringComparison.Ordinal);
        File.Copy(Path.Combine(run.RunDir, "tasks", "intruder", "attempt-1", "checkout.start.json"), record, overwrite: true);
        Assert.DoesNotContain("\"end\"", File.ReadAllText(record), StringComparison.Ordinal);

        var status = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "status", run.RunId);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["PWNED"], run.Final()["checkout_changed"]!.AsArray().Select(p => (string?)p));
        Assert.Contains("your checkout changed during the run (by you or by an agent; otto itself never writes there): PWNED", status.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_hidden_by_removing_otto_s_record_of_the_checkout_is_still_reported()
    {
        using var agentDir = new TempDir();
        // Without a record, a run reads as one made by an otto from before the record: nothing to compare.
        using var run = Repo("none", agentDir, """
            rm "$run_dir/checkout.json" && echo "record removed"
            """);

        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "build", "write where you should not, then remove the record");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("record removed", File.ReadAllText(Path.Combine(run.RunDir, "tasks", "intruder", "attempt-1", "stdout.log")), StringComparison.Ordinal);
        Assert.Equal([CheckoutWatch.Altered], run.Final()["checkout_changed"]!.AsArray().Select(p => (string?)p));
        Assert.Contains("your checkout changed during the run", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task While_the_run_goes_status_shows_the_driver_s_look_and_looks_itself_when_that_is_not_otto_s()
    {
        using var agentDir = new TempDir();
        var release = agentDir.File("release");
        // The agent has written PWNED and waits: the run is going while the test asks for its status.
        using var run = Repo("none", agentDir, $"i=0; while [ ! -e '{release}' ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i+1)); done");
        using var build = OttoProcess.Start(run.Repo.Root, run.Env(), "build", "write where you should not, then wait");
        var look = Path.Combine(run.Repo.Root, ".otto", "runs");
        string LookFile() => Directory.Exists(look) ? Directory.EnumerateFiles(look, CheckoutLookFile.Name, SearchOption.AllDirectories).FirstOrDefault() ?? "" : "";
        await Eventually.WaitUntil(() => File.Exists(LookFile()) && File.ReadAllText(LookFile()).Contains("PWNED\0", StringComparison.Ordinal),
            TimeSpan.FromMinutes(1), "the driver's look to see PWNED");

        var seen = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "status", "--json");
        File.WriteAllText(LookFile(), "otto-checkout-look 1 0 9999999999999999999 0\n"); // "nothing changed", without the run key's mark
        var forged = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(1), "status", "--json");
        File.WriteAllText(release, "");
        var result = await build.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["PWNED"], JsonNode.Parse(seen.Stdout)!["checkout_changed"]!.AsArray().Select(p => (string?)p));
        Assert.Equal(["PWNED"], JsonNode.Parse(forged.Stdout)!["checkout_changed"]!.AsArray().Select(p => (string?)p));
        Assert.False(File.Exists(LookFile()), "the look is removed when the driver ends");
    }

    [SkippableFact]
    public async Task Under_bwrap_the_write_fails_the_checkout_is_unchanged_and_the_run_folder_is_out_of_sight()
    {
        var (works, detail) = Bubblewrap.Probe();
        Skip.IfNot(works, $"bubblewrap cannot run here ({detail}); .ci/run installs it");
        using var agentDir = new TempDir();
        using var run = Repo("bwrap", agentDir);
        var before = run.Repo.CheckoutFingerprint();

        var result = await OttoProcess.RunAsync(run.Repo.Root, run.Env(), TimeSpan.FromMinutes(2), "build", "write where you should not");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(before, run.Repo.CheckoutFingerprint());
        Assert.False(File.Exists(Path.Combine(run.Repo.Root, "PWNED")));
        Assert.Empty(run.Final()["checkout_changed"]!.AsArray());
        var seen = File.ReadAllText(Path.Combine(run.RunDir, "tasks", "intruder", "attempt-1", "stdout.log"));
        Assert.Contains("checkout write failed", seen, StringComparison.Ordinal);
        Assert.Contains("events.ndjson unseen", seen, StringComparison.Ordinal);
        Assert.Contains("runs: [tasks]", seen, StringComparison.Ordinal); // only the path to its own attempt folder
        Assert.Equal("the agent wrote here\n", File.ReadAllText(Path.Combine(run.RunDir, "tasks", "intruder", "attempt-1", "note.txt")));
        Assert.Equal("intruder\n", run.Repo.Show($"otto/{run.RunId}", "out/intruder.txt")); // its worktree and git work
    }

    /// <summary>A command agent that tries the checkout and the run folder, says what it found, and does its task.</summary>
    private static ParallelRepo Repo(string sandbox, TempDir agentDir, string then = "")
    {
        var agent = agentDir.File("agent.sh");
        var run = new ParallelRepo([new TaskSpec("intruder")], concurrency: 1, $"sandbox: {sandbox}\nroles: {{ implementer: {{ provider: command, command: [\"{agent}\"] }} }}");
        File.WriteAllText(agent, $$"""
            #!/bin/sh
            repo='{{run.Repo.Root}}'
            if echo x > "$repo/PWNED"; then echo "checkout write succeeded"; else echo "checkout write failed"; fi
            run_dir=$(cd "$OTTO_ATTEMPT_DIR/../../.." && pwd)
            if [ -e "$run_dir/events.ndjson" ]; then echo "events.ndjson seen"; else echo "events.ndjson unseen"; fi
            echo "runs: [$(ls "$run_dir" | tr '\n' ' ' | sed 's/ $//')]"
            echo "the agent wrote here" > "$OTTO_ATTEMPT_DIR/note.txt"
            {{then}}
            mkdir -p out && echo intruder > out/intruder.txt
            echo '{"outcome":"success","summary":"done"}' > "$OTTO_STATUS_FILE"
            """);
        File.SetUnixFileMode(agent, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return run;
    }
}
