using Otto.Cli;
using Otto.Cli.Output;
using Otto.Secrets;

namespace Otto.Tests.Output;

public sealed class RedactingWriterTests
{
    private static readonly Lazy<Redactor> Redactor = new(() => new Redactor([]));

    [Fact]
    public void Lines_are_redacted_however_they_are_written_and_a_key_printed_line_by_line_is_masked_on_every_line()
    {
        var inner = new StringWriter();
        var writer = new RedactingWriter(inner, Redactor);

        writer.Write("token: ");
        writer.Write(FakeSecrets.GitHubClassic[..10]);
        writer.WriteLine(FakeSecrets.GitHubClassic[10..]); // one secret in three writes
        foreach (var line in FakeSecrets.PrivateKey.Split('\n')) writer.WriteLine(line);
        writer.Write('o');
        writer.Write("k");
        writer.Flush();

        Assert.Equal("token: [REDACTED]\n" + string.Concat(Enumerable.Repeat("[REDACTED]\n", 5)) + "ok", inner.ToString());
    }

    [Fact]
    public async Task What_a_command_prints_passes_the_redactor()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        using var repo = new TempRepo();

        var code = await CliApp.RunAsync(["--dir", repo.Root, "logs", FakeSecrets.Slack], new CliIO(stdout, stderr, false));

        Assert.NotEqual(0, code);
        Assert.Contains("there is no run `[REDACTED]`", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FakeSecrets.Slack, stderr.ToString() + stdout, StringComparison.Ordinal);
    }
}
