using Otto.Engine;
using Otto.Events;
using Otto.Reporting;
using Otto.Runs;
using Otto.Tests.Support;

namespace Otto.Tests.Reporting;

/// <summary>
/// checkout-look: the driver's last look at the user's checkout, which `otto status` shows while the run is
/// driven instead of running `git status` itself. Only otto's, only this run's, only while it stands.
/// </summary>
public sealed class CheckoutLookTests
{
    private static readonly DateTimeOffset Taken = new(2026, 11, 29, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_look_reads_back_while_it_stands_paths_with_newlines_and_spaces_included()
    {
        using var run = SealedRun();
        CheckoutLookFile.Save(run.Paths, ["HEAD", "a file\nwith a newline", "b c"], Taken, Taken.AddSeconds(10));

        Assert.True(CheckoutLookFile.TryRead(run.Paths, Taken.AddSeconds(3), out var seen));
        Assert.Equal(["HEAD", "a file\nwith a newline", "b c"], seen!);
        Assert.StartsWith("mac ", File.ReadAllText(CheckoutLookFile.PathOf(run.Paths)), StringComparison.Ordinal);
    }

    [Fact]
    public void A_look_of_nothing_changed_and_one_of_a_run_without_a_record_read_as_such()
    {
        using var run = SealedRun();

        CheckoutLookFile.Save(run.Paths, [], Taken, Taken.AddSeconds(10));
        Assert.True(CheckoutLookFile.TryRead(run.Paths, Taken, out var none));
        CheckoutLookFile.Save(run.Paths, null, Taken, Taken.AddSeconds(10));
        Assert.True(CheckoutLookFile.TryRead(run.Paths, Taken, out var unrecorded));

        Assert.Equal([], none!);
        Assert.Null(unrecorded);
    }

    [Theory]
    [InlineData(-1)] // a clock set back: taken "in the future"
    [InlineData(11)] // past its time: the driver stopped looking
    public void A_look_that_does_not_stand_now_is_not_used(int secondsAfter)
    {
        using var run = SealedRun();
        CheckoutLookFile.Save(run.Paths, ["PWNED"], Taken, Taken.AddSeconds(10));

        Assert.False(CheckoutLookFile.TryRead(run.Paths, Taken.AddSeconds(secondsAfter), out _));
    }

    [Theory]
    [InlineData("unmarked")]
    [InlineData("another file's mark")]
    [InlineData("count changed")]
    public void A_look_otto_did_not_write_as_it_is_is_not_used(string how)
    {
        using var run = SealedRun();
        CheckoutLookFile.Save(run.Paths, ["PWNED"], Taken, Taken.AddSeconds(10));
        var path = CheckoutLookFile.PathOf(run.Paths);
        var text = File.ReadAllText(path);
        var body = text[(text.IndexOf('\n', StringComparison.Ordinal) + 1)..];
        File.WriteAllText(path, how switch
        {
            "unmarked" => body.Replace(" 1\n", " 0\n", StringComparison.Ordinal).Replace("PWNED\0", "", StringComparison.Ordinal),
            "another file's mark" => System.Text.Encoding.UTF8.GetString(FileSeal.SealText(System.Text.Encoding.UTF8.GetBytes(body), run.Paths, FileSeal.StatusViewName)),
            _ => text.Replace(" 1\n", " 0\n", StringComparison.Ordinal),
        });

        Assert.False(CheckoutLookFile.TryRead(run.Paths, Taken.AddSeconds(1), out _));
    }

    [Fact]
    public void Status_shows_the_look_only_while_a_driver_drives_the_run()
    {
        using var run = SealedRun();
        var now = DateTimeOffset.UtcNow;
        CheckoutLookFile.Save(run.Paths, ["seen by the driver"], now, now.AddSeconds(10));

        Assert.Equal(["seen by the driver"], CheckoutWatch.Shown(run.Paths, driven: true, now)!);
        // Not driven (a killed driver's last look): status looks for itself. This run has no checkout.json,
        // which a run made with a key always writes: it reads as removed.
        Assert.Equal([CheckoutWatch.Altered], CheckoutWatch.Shown(run.Paths, driven: false, now)!);
        Assert.Equal([CheckoutWatch.Altered], CheckoutWatch.Shown(run.Paths, driven: true, now.AddSeconds(11))!);
    }

    [Fact]
    public void A_checkout_git_cannot_read_at_the_end_is_recorded_as_unknown_not_as_everything_changed()
    {
        using var run = SealedRun();
        using var repo = new TempRepo();
        repo.Write("untracked.txt", "u\n");
        CheckoutWatch.RecordStart(repo.Repo, run.Paths);
        Directory.Delete(repo.Path(".git"), recursive: true);

        Assert.Null(CheckoutWatch.Current(run.Paths));
        Assert.Equal([CheckoutWatch.Unreadable], CheckoutWatch.RecordEnd(run.Paths)!);
        Assert.Equal([CheckoutWatch.Unreadable], CheckoutWatch.Recorded(run.Paths)!);
    }

    [Fact]
    public void Looks_are_spaced_so_that_a_slow_checkout_costs_at_most_a_twentieth_of_a_core()
    {
        Assert.Equal(CheckoutLooker.Interval, CheckoutLooker.NextAfter(TimeSpan.FromMilliseconds(30)));
        Assert.Equal(TimeSpan.FromSeconds(20), CheckoutLooker.NextAfter(TimeSpan.FromSeconds(1)));
    }

    private static RunFolder SealedRun()
    {
        var run = new RunFolder();
        EventSeal.CreateKey(run.Paths.Dir);
        new RunJournal(run.Paths).Append(new NewEvent(new RunStarted(EventStream.RunId, "x", "main", "b0", "otto/x", PlanOnly: false)));
        return run;
    }
}
