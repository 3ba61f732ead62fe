using Otto.Secrets;

namespace Otto.Tests.Secrets;

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

    [Fact]
    public void A_private_key_cut_by_a_chunk_boundary_is_masked_whole()
    {
        using var dir = new TempDir();
        var before = new string('x', (1 << 20) - 60) + "\n"; // the first chunk ends inside the key's body
        var path = dir.Write("stdout.log", before + FakeSecrets.PrivateKey + "\nafter\n");

        Redactor.RedactFile(path);

        Assert.Equal(before + "[REDACTED]\nafter\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_cut_off_private_key_loses_its_body_lines_too()
    {
        var text = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + string.Join("\n", FakeSecrets.PrivateKeyBody) + "\nthat was all of it.";

        Assert.Equal("[REDACTED]\nthat was all of it.", Redactor.Redact(text));
    }

    [Fact]
    public void A_private_key_escaped_in_a_json_stream_line_is_masked_and_the_line_stays_json()
    {
        var line = System.Text.Json.JsonSerializer.Serialize(new { type = "assistant", text = "here:\n" + FakeSecrets.PrivateKey + "\nok" });

        var redacted = Redactor.Redact(line);

        Assert.All(FakeSecrets.PrivateKeyBody, body => Assert.DoesNotContain(body, redacted, StringComparison.Ordinal));
        Assert.Equal("here:\n[REDACTED]\nok", (string?)System.Text.Json.Nodes.JsonNode.Parse(redacted)!["text"]);
    }

    [Fact]
    public void Json_is_redacted_in_its_decoded_strings_and_left_alone_without_secrets()
    {
        var clean = "{\"seq\":1,\"data\":{\"reason\":\"tests failed\\nat line 3\"}}";
        var leaky = "{\"seq\":2,\"data\":{\"list\":[\"key " + ApiKey + "\"],\"n\":3}}";

        Assert.Same(clean, Redactor.RedactJson(clean));
        Assert.Equal("{\"seq\":2,\"data\":{\"list\":[\"key [REDACTED]\"],\"n\":3}}", Redactor.RedactJson(leaky));
    }

    [Fact]
    public void A_private_key_shown_line_by_line_is_masked_on_every_line()
    {
        var stream = new StreamRedactor(Redactor);
        var lines = ("before\n" + FakeSecrets.PrivateKey + "\nafter\n").Split('\n')[..^1];

        var shown = lines.Select(line => stream.Next(line + "\n")).ToList();

        Assert.Equal("before\n", shown[0]);
        Assert.All(shown.Skip(1).SkipLast(1), line => Assert.Equal("[REDACTED]\n", line));
        Assert.Equal("after\n", shown[^1]);
    }
}
