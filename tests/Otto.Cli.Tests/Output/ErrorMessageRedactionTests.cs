using Otto.Cli;

namespace Otto.Tests.Output;

public sealed class ErrorMessageRedactionTests
{
    [Fact]
    public async Task An_error_that_quotes_what_was_typed_does_not_print_a_secret()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        using var repo = new TempRepo();

        var code = await CliApp.RunAsync(["--dir", repo.Root, "status", FakeSecrets.Slack], new CliIO(stdout, stderr, false));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("there is no run `[REDACTED]`", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeSecrets.Slack, stderr.ToString() + stdout, StringComparison.Ordinal);
    }
}
