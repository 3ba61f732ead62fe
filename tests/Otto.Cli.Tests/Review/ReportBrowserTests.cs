using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.Review;

/// <summary>
/// `otto report` rendered by a real headless chromium: the content a reviewer needs is on the page, the
/// page asks the network for nothing, and hostile agent text stays text.
/// </summary>
public sealed class ReportBrowserTests
{
    [ChromiumFact]
    public async Task The_report_of_a_run_with_a_fixed_attempt_shows_tasks_cost_and_the_failure_and_makes_no_request()
    {
        var dir = Path.Combine(TestEnvironment.NewTempDir("otto-report-"), "sample");
        var demo = await OttoProcess.RunAsync(Path.GetTempPath(), "demo", "--keep", dir);
        Assert.True(demo.ExitCode == 0, demo.ToString());
        var run = new RunFolder(Assert.Single(Directory.GetDirectories(Path.Combine(dir, ".otto", "runs"))));

        var report = await OttoProcess.RunAsync(dir, "report", run.Id);

        Assert.True(report.ExitCode == 0, report.ToString());
        var file = report.Stdout.Trim();
        Assert.Equal(Path.Combine(run.Dir, "report.html"), file);
        var failed = Assert.Single(run.EventsOf("attempt_failed"));
        var failedTask = (string)failed["task"]!;
        var reason = (string)failed["data"]!["reason"]!;
        var taskIds = run.Json("plan-v1.json")["tasks"]!.AsArray().Select(t => (string)t!["id"]!).ToList();
        var cost = "$" + ((decimal)run.Final["cost_usd"]!).ToString("0.00", CultureInfo.InvariantCulture);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var requests = new List<string>();
        var page = await chromium.OpenAsync(file, requests);

        Assert.Equal([new Uri(file).AbsoluteUri], requests);
        Assert.Equal(cost, (await page.Locator("#cost-total").InnerTextAsync()).Trim());
        foreach (var id in taskIds)
        {
            Assert.True(await page.Locator($"#task-{id}").IsVisibleAsync(), $"task {id} has no section");
            Assert.Equal(1, await page.Locator("#timeline svg text", new PageLocatorOptions { HasTextString = id }).CountAsync());
            Assert.Equal(1, await page.Locator("#plan-graph .node", new PageLocatorOptions { HasTextString = id }).CountAsync());
        }
        Assert.Equal(reason, await page.Locator($"#task-{failedTask} .failure pre").First.InnerTextAsync());
        Assert.Equal(1, await page.Locator("#timeline rect.failed").CountAsync());
        Assert.Equal(taskIds.Count, await page.Locator("#timeline rect.merged").CountAsync());
        // The fix's diff: the lines attempt 2 changed on the task branch, as git shows them.
        var fixedLine = GitShowLine(dir, run.TaskBranch(failedTask), "sum()");
        Assert.Contains("+" + fixedLine, await page.Locator($"#task-{failedTask} .diff .add").AllInnerTextsAsync());
        Assert.Equal(0, await page.Locator("details[open] pre:not(.diff)").CountAsync());
    }

    [ChromiumFact]
    public async Task Hostile_agent_text_is_shown_as_text_runs_nothing_and_loads_nothing()
    {
        const string Pwn = "<script>window.pwned = 1</script>";
        using var project = OttoProject.Create(Scenarios.OneTaskPlan("work") + $$"""
            tasks:
              work:
                - files: { "lib/work.sh": "echo work\n", "tests/test_work.sh": "echo '<img src=http://203.0.113.9/log.png onerror=window.pwned=4>'; exit 1\n" }
                  status: { outcome: success, summary: 'first try {{Pwn}}' }
                - files: { "tests/test_work.sh": "[ -f lib/work.sh ]\n" }
                  status: { outcome: success, summary: 'fixed **it** {{Pwn}} ![x](http://203.0.113.9/y.png) [click](javascript:window.pwned=2) <http://203.0.113.9/z>' }

            """);
        var build = await project.BuildAsync("<b>bold</b> <img src=http://203.0.113.9/intent.png>");
        Assert.True(build.ExitCode == 0, build.ToString());
        var run = project.SingleRun();
        var report = await project.OttoAsync("report", run.Id, "--out", project.Repo.Path("../report.html"));
        Assert.True(report.ExitCode == 0, report.ToString());
        var file = report.Stdout.Trim();
        Assert.Equal(Path.GetFullPath(project.Repo.Path("../report.html")), file);

        await using var chromium = await HeadlessChromium.LaunchAsync();
        var requests = new List<string>();
        var page = await chromium.OpenAsync(file, requests);

        Assert.Equal([new Uri(file).AbsoluteUri], requests);
        Assert.True(await page.EvaluateAsync<bool>("() => window.pwned === undefined"));
        Assert.Equal(0, await page.Locator("img, script, iframe, object, embed, a").CountAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('[src], [href], [onerror]').length"));
        var text = await page.Locator("#task-work .summary").InnerTextAsync();
        Assert.Contains("fixed it " + Pwn + " [image: x] click (javascript:window.pwned=2) http://203.0.113.9/z", text, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator("#task-work .summary strong").CountAsync()); // Markdown still renders
        Assert.Contains("<img src=http://203.0.113.9/log.png onerror=window.pwned=4>", await page.Locator("#task-work .failure pre").First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("<b>bold</b> <img src=http://203.0.113.9/intent.png>", (await page.Locator(".intent").InnerTextAsync()).Trim());
    }

    private static string GitShowLine(string repo, string revision, string prefix) =>
        Otto.Git.GitCli.Run(repo, "show", $"{revision}:lib/stats.sh").EnsureOk().Stdout.Split('\n').Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
}
