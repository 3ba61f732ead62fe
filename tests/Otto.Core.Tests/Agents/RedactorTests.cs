using Otto.Agents;

namespace Otto.Tests.Agents;

public sealed class RedactorTests
{
    private const string ApiKey = "sk-ant-api03-Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz";
    private static readonly Redactor Redactor = new([KeyValuePair.Create("ANTHROPIC_API_KEY", (string?)ApiKey), KeyValuePair.Create("OTHER_TOKEN", (string?)"tok_live_7f3a9c2e1b")]);

    [Theory]
    [InlineData("key=" + ApiKey, "key=[REDACTED]")]
    [InlineData("using tok_live_7f3a9c2e1b now", "using [REDACTED] now")]
    [InlineData("Authorization: Bearer abcdefghijklmnop", "Authorization: [REDACTED]")]
    [InlineData("curl -H 'authorization: token123456789'", "curl -H 'authorization: [REDACTED]'")]
    [InlineData("plain text stays", "plain text stays")]
    public void Secrets_are_masked_and_the_rest_is_kept(string text, string expected)
    {
        Assert.Equal(expected, Redactor.Redact(text));
    }

    [Fact]
    public void Only_secret_looking_variable_names_are_secrets()
    {
        Assert.True(Redactor.IsSecretName("OPENAI_API_KEY"));
        Assert.True(Redactor.IsSecretName("GITHUB_TOKEN"));
        Assert.True(Redactor.IsSecretName("DB_PASSWORD"));
        Assert.False(Redactor.IsSecretName("PATH"));
        Assert.False(Redactor.IsSecretName("OTTO_RUN_ID"));
    }

    [Fact]
    public void A_secret_straddling_two_chunks_of_a_long_single_line_is_masked()
    {
        using var dir = new TempDir();
        var before = new string('x', (1 << 20) - 10); // the key starts 10 characters before the first chunk ends
        var path = dir.Write("stdout.log", before + ApiKey + new string('y', 100));

        Redactor.RedactFile(path);

        var text = File.ReadAllText(path);
        Assert.DoesNotContain(ApiKey, text, StringComparison.Ordinal);
        Assert.Equal(before + "[REDACTED]" + new string('y', 100), text);
    }

    [Fact]
    public void A_file_without_secrets_is_left_byte_for_byte()
    {
        using var dir = new TempDir();
        var path = dir.Write("stdout.log", "line one\r\nno newline at the end");
        var written = File.GetLastWriteTimeUtc(path);

        Redactor.RedactFile(path);

        Assert.Equal("line one\r\nno newline at the end", File.ReadAllText(path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
        Assert.False(File.Exists(path + ".redacting"));
    }
}
