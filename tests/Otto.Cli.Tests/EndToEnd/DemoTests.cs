namespace Otto.Tests.EndToEnd;

public sealed class DemoTests
{
    [Fact]
    public async Task Demo_builds_the_sample_project_and_succeeds()
    {
        var dir = Path.Combine(TestEnvironment.NewTempDir("otto-demo-test-"), "sample");
        var result = await OttoProcess.RunAsync(Path.GetTempPath(), "demo", "--keep", dir);

        Assert.True(result.ExitCode == 0, result.ToString());
        var runs = Directory.GetDirectories(Path.Combine(dir, ".otto", "runs"));
        var final = File.ReadAllText(Path.Combine(Assert.Single(runs), "final.json"));
        Assert.Contains("\"status\": \"succeeded\"", final, StringComparison.Ordinal);
        Assert.Contains("run folder:", result.Stdout, StringComparison.Ordinal);
    }
}
