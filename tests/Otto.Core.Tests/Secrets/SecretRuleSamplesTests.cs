using Otto.Secrets;

namespace Otto.Tests.Secrets;

/// <summary>Every rule of secret-rules.json against a text it must find (and mask) and one it must leave alone.</summary>
public sealed class SecretRuleSamplesTests
{
    private const string EnvSecret = "dpl-7Hq2Zr9XkP4mWv";
    private static readonly Redactor Redactor = new([KeyValuePair.Create("DEPLOY_TOKEN", (string?)EnvSecret), KeyValuePair.Create("HOME", (string?)"/home/someone")]);

    private static readonly string Jwt = "eyJ" + "hbGciOiJIUzI1NiJ9" + ".eyJ" + "zdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";

    /// <summary>(rule, text, the secret in it).</summary>
    public static TheoryData<string, string, string> Positives => new()
    {
        { "anthropic-key", $"ANTHROPIC_KEY={FakeSecrets.Anthropic}", FakeSecrets.Anthropic },
        { "openai-key", $"client = OpenAI(api_key=\"{FakeSecrets.OpenAi}\")", FakeSecrets.OpenAi },
        { "openai-key", "old key sk-" + "Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz", "sk-" + "Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0Lz" },
        { "github-token", $"git clone https://x:{FakeSecrets.GitHubClassic}@github.com/o/r", FakeSecrets.GitHubClassic },
        { "github-token", $"GH_TOKEN {FakeSecrets.GitHubServer}.", FakeSecrets.GitHubServer },
        { "github-token", $"token: {FakeSecrets.GitHubFineGrained}", FakeSecrets.GitHubFineGrained },
        { "aws-access-key-id", $"[default]\naws_access_key_id = {FakeSecrets.AwsKeyId}", FakeSecrets.AwsKeyId },
        { "aws-access-key-id", $"\"AccessKeyId\": \"{FakeSecrets.AwsSessionKeyId}\"", FakeSecrets.AwsSessionKeyId },
        { "aws-secret-access-key", $"aws_secret_access_key = {FakeSecrets.AwsSecret}", FakeSecrets.AwsSecret },
        { "aws-secret-access-key", $"{{\"SecretAccessKey\": \"{FakeSecrets.AwsSecret}\"}}", FakeSecrets.AwsSecret },
        { "private-key", $"key:\n{FakeSecrets.PrivateKey}\ndone", FakeSecrets.PrivateKeyBody[1] },
        { "private-key", "@@ -1,5 +0,0 @@\n" + string.Join("\n", FakeSecrets.PrivateKey.Split('\n').Select(line => "-" + line)), string.Join("\n-", FakeSecrets.PrivateKeyBody) },
        { "slack-token", $"SLACK={FakeSecrets.Slack}", FakeSecrets.Slack },
        { "google-api-key", $"https://maps.googleapis.com/api?key={FakeSecrets.Google}&v=3", FakeSecrets.Google },
        { "jwt", $"cookie session={Jwt}; path=/", Jwt },
        { "url-credentials", "DATABASE_URL=postgres://app:S3cure-Pa55@db.internal:5432/app", "S3cure-Pa55" },
        { "authorization-header", "curl -H 'authorization: token123456789'", "token123456789" },
        { "bearer-token", "sent Bearer abcdefghijklmnop1234 to the server", "abcdefghijklmnop1234" },
        { "secret-assignment", $"password={FakeSecrets.Password} ./deploy", FakeSecrets.Password },
        { "secret-assignment", "db_password = \"hunter2hunter2\"", "hunter2hunter2" },
        { "secret-assignment", "{\"api_key\": \"q8ZsT2vX9kLm\"}", "q8ZsT2vX9kLm" },
        { "secret-environment-value", $"deploying with {EnvSecret} now", EnvSecret },
    };

    /// <summary>(rule, text the rule must not find anything in).</summary>
    public static TheoryData<string, string> Negatives => new()
    {
        { "anthropic-key", "sk-ant-short" },
        { "openai-key", "pip install sk-learn-pipeline-helpers-extra" },
        { "github-token", "ghp_tooShort123 and ghx_" + "Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVbN" },
        { "aws-access-key-id", "AKIA1234 is not a key, nor is akiaq3egrw7txz4plmnb" },
        { "aws-secret-access-key", "aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}" },
        { "private-key", "-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA\n-----END PUBLIC KEY-----" },
        { "slack-token", "xoxz-1234567890abcdef and xoxb-short" },
        { "google-api-key", "AIza is how they start; AIzaShort123" },
        { "jwt", "eyJhbGciOiJIUzI1NiJ9 alone is only a header" },
        { "url-credentials", "https://user@example.com/path and https://user:${PASSWORD}@example.com" },
        { "authorization-header", "Authorization: $TOKEN (and authorization: <token>)" },
        { "bearer-token", "the bearer of bad news" },
        { "secret-assignment", "password= ; token=changeme; secret=${SECRET}; password = compute(); token: string; max_tokens=4096; if token == \"expected-value\"" },
        { "secret-environment-value", "deploying with dpl-something-else, HOME is /home/someone" },
    };

    [Theory]
    [MemberData(nameof(Positives))]
    public void The_rule_finds_its_secret_and_it_is_masked(string rule, string text, string secret)
    {
        var matches = Redactor.Find(text);

        var at = text.IndexOf(secret, StringComparison.Ordinal);
        Assert.Contains(matches, m => m.Rule == rule && m.Start <= at && m.End >= at + secret.Length);
        var redacted = Redactor.Redact(text);
        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(Redactor.Mask, redacted, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Negatives))]
    public void The_rule_leaves_look_alikes_and_placeholders_alone(string rule, string text)
    {
        var matches = Redactor.Find(text);

        Assert.DoesNotContain(matches, m => m.Rule == rule);
    }

    [Fact]
    public void Every_rule_in_the_data_file_has_a_positive_and_a_negative_sample()
    {
        var positive = Positives.Select(row => (string)row[0]).ToHashSet();
        var negative = Negatives.Select(row => (string)row[0]).ToHashSet();

        var rules = SecretRules.Default.Names.ToList();

        Assert.Equal(rules.Order(), positive.Order());
        Assert.Equal(rules.Order(), negative.Order());
    }

    [Fact]
    public void Every_rule_is_listed_in_docs_security_md()
    {
        var docs = File.ReadAllText(Otto.Tests.Support.RepoFiles.Path("docs/security.md"));

        Assert.All(SecretRules.Default.Names, name => Assert.Contains($"| `{name}` |", docs, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_fake_secret_of_the_end_to_end_tests_is_masked_in_their_text()
    {
        var text = FakeSecrets.Text(EnvSecret);

        var redacted = Redactor.Redact(text);

        Assert.All(FakeSecrets.All.Append(EnvSecret), secret => Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal));
    }
}
