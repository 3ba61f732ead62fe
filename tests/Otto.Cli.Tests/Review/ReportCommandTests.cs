using Otto.Tests.EndToEnd.Support;

namespace Otto.Tests.Review;

/// <summary>`otto report` as a command: where it writes, what it refuses, the review it shows.</summary>
public sealed class ReportCommandTests
{
    [Fact]
    public async Task The_report_shows_the_review_findings_of_the_run_folder_escaped()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));
        Assert.Equal(0, (await project.BuildAsync()).ExitCode);
        var run = project.SingleRun();
        File.WriteAllText(Path.Combine(run.Dir, "review.json"), """
            { "verdict": "request_changes", "summary": "one <b>real</b> problem",
              "findings": [ { "path": "lib/work.sh", "line": 1, "severity": "major", "message": "prints <work> without quoting", "task": "work" },
                            { "path": "README.md", "severity": "nit", "message": "typo" } ] }
            """);

        var result = await project.OttoAsync("report");

        Assert.True(result.ExitCode == 0, result.ToString());
        var html = File.ReadAllText(Path.Combine(run.Dir, "report.html"));
        Assert.Equal(Path.Combine(run.Dir, "report.html"), result.Stdout.Trim());
        Assert.Contains("<span class=\"badge request_changes\">request_changes</span>", html, StringComparison.Ordinal);
        Assert.Contains("one &lt;b&gt;real&lt;/b&gt; problem", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"mono\">lib/work.sh:1</td><td>prints &lt;work&gt; without quoting</td>", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("lib/work.sh:1", StringComparison.Ordinal) < html.IndexOf("README.md", html.IndexOf("id=\"review\"", StringComparison.Ordinal), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Secrets_in_the_environment_never_reach_the_report_or_the_pr_body()
    {
        const string Secret = "review-secret-value-4711";
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));
        Assert.Equal(0, (await project.BuildAsync()).ExitCode);
        var run = project.SingleRun();
        File.WriteAllText(Path.Combine(run.Dir, "review.json"),
            $$"""{ "verdict": "approve", "summary": "the key {{Secret}} is printed", "findings": [ { "path": "lib/work.sh", "severity": "major", "message": "logs {{Secret}}" } ] }""");
        var environment = new Dictionary<string, string?> { ["SERVICE_API_KEY"] = Secret };

        var report = await OttoProcess.RunAsync(project.Root, environment, OttoProject.Timeout, "report", run.Id);
        var pr = await OttoProcess.RunAsync(project.Root, environment, OttoProject.Timeout, "pr", run.Id);

        Assert.True(report.ExitCode == 0 && pr.ExitCode == 0, report + "\n" + pr);
        foreach (var file in new[] { "report.html", "pr.md" })
        {
            var text = File.ReadAllText(Path.Combine(run.Dir, file));
            Assert.DoesNotContain(Secret, text, StringComparison.Ordinal);
            Assert.Contains("logs [REDACTED]", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_successful_build_ends_with_what_changed_and_the_next_steps_on_stderr()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));

        var build = await project.BuildAsync();

        Assert.True(build.ExitCode == 0, build.ToString());
        var run = project.SingleRun();
        var stat = project.Repo.Git("diff", "--stat=100", $"main..{run.IntegrationBranch}").TrimEnd();
        Assert.Contains(stat + "\n\nnext:\n", build.Stderr, StringComparison.Ordinal);
        Assert.Contains($"  otto pr {run.Id} ", build.Stderr, StringComparison.Ordinal);
        Assert.Contains($"  otto report {run.Id} ", build.Stderr, StringComparison.Ordinal);
        Assert.Equal("", build.Stdout);
    }

    [Fact]
    public async Task A_failed_build_prints_no_next_steps()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", "files: { \"tests/test_work.sh\": \"exit 1\\n\" }"), new Dictionary<string, string> { ["max_attempts"] = "1" });

        var build = await project.BuildAsync();

        Assert.Equal(1, build.ExitCode);
        Assert.DoesNotContain("next:", build.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("otto pr ", build.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Out_into_a_folder_that_does_not_exist_is_refused()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));
        Assert.Equal(0, (await project.BuildAsync()).ExitCode);
        var missing = project.Repo.Path("no/such/folder/report.html");

        var result = await project.OttoAsync("report", "--out", missing);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"otto: --out {missing}: the folder {Path.GetDirectoryName(missing)} does not exist", result.Stderr.Trim());
        Assert.False(File.Exists(Path.Combine(project.SingleRun().Dir, "report.html")));
    }

    [Fact]
    public async Task A_report_template_override_in_handlebars_is_refused_naming_its_line()
    {
        using var project = OttoProject.Create(Scenarios.OneTask("work", Scenarios.PassingWork()));
        Assert.Equal(0, (await project.BuildAsync()).ExitCode);
        project.Repo.Write(".otto/templates/report.html.sbn", "<html>\n<h1>{{ run.run_id }}</h1>\n{{#each run.tasks}}{{id}}{{/each}}\n");

        var result = await project.OttoAsync("report");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"otto: {project.Repo.Path(".otto/templates/report.html.sbn")}:3: `{{{{#each run.tasks}}}}` is Handlebars", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(project.SingleRun().Dir, "report.html")));
    }
}
