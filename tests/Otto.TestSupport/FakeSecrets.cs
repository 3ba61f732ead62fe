namespace Otto.Tests;

/// <summary>
/// One made-up secret of every format otto masks, shaped like the real thing but valid nowhere. Each is
/// put together from pieces, so the source file itself does not look like a leaked credential to scanners.
/// </summary>
public static class FakeSecrets
{
    private const string Base62 = "Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVbNmQwErTyUiOpAsDfGhJkLzXcVbNm1234567890";

    public static readonly string Anthropic = "sk-" + "ant-api03-" + Base62[..60] + "-AA";
    public static readonly string OpenAi = "sk-" + "proj-" + Base62[..48];
    public static readonly string GitHubClassic = "gh" + "p_" + Base62[..36];
    public static readonly string GitHubOAuth = "gh" + "o_" + Base62[1..37];
    public static readonly string GitHubUser = "gh" + "u_" + Base62[2..38];
    public static readonly string GitHubServer = "gh" + "s_" + Base62[3..39];
    public static readonly string GitHubRefresh = "gh" + "r_" + Base62[4..40];
    public static readonly string GitHubFineGrained = "github" + "_pat_" + "11ABCDEFG0" + Base62[..12] + "_" + Base62[..59];
    public static readonly string AwsKeyId = "AK" + "IA" + "Q3EGRW7TXZ4PLMNB";
    public static readonly string AwsSessionKeyId = "AS" + "IA" + "Y6HJK2LMN8PQRSTV";
    public static readonly string AwsSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY";
    public static readonly string Slack = "xo" + "xb-" + "2648139751-5213597461-" + Base62[..24];
    public static readonly string Google = "AI" + "za" + "SyD3x" + Base62[..30];
    public static readonly string Password = "Tr0ub4dor.3horse!";
    public static readonly string ApiToken = "tk_" + Base62[10..34];

    /// <summary>The body lines of the private key (its BEGIN/END lines are not secret on their own).</summary>
    public static readonly string[] PrivateKeyBody =
    [
        "MIIEowIBAAKCAQEAvZ3k9Q" + Base62[..42],
        "q7Ty6Ui5Op4As3Df2Gh1Jk" + Base62[5..47],
        "Ny8Zx9Qw8Er7Ty6Ui5Op4A" + Base62[9..51] + "==",
    ];

    public static readonly string PrivateKey =
        "-----BEGIN RSA " + "PRIVATE KEY-----\n" + string.Join("\n", PrivateKeyBody) + "\n-----END RSA " + "PRIVATE KEY-----";

    /// <summary>Every secret value, each of which must never be seen where otto writes or prints.</summary>
    public static IReadOnlyList<string> All =>
    [
        Anthropic, OpenAi, GitHubClassic, GitHubOAuth, GitHubUser, GitHubServer, GitHubRefresh, GitHubFineGrained,
        AwsKeyId, AwsSessionKeyId, AwsSecret, Slack, Google, Password, ApiToken, .. PrivateKeyBody,
    ];

    /// <summary>Every format in one text, as an agent might print or write it: keys bare, in assignments, and a PEM block.</summary>
    public static string Text(string environmentSecret) => string.Join("\n",
    [
        $"anthropic {Anthropic} openai {OpenAi}",
        $"github {GitHubClassic} {GitHubOAuth} {GitHubUser} {GitHubServer} {GitHubRefresh} {GitHubFineGrained}",
        $"aws_access_key_id = {AwsKeyId}",
        $"aws_secret_access_key = {AwsSecret}",
        $"AWS_ACCESS_KEY_ID={AwsSessionKeyId}",
        $"slack {Slack} google {Google}",
        $"password={Password} token={ApiToken}",
        $"deploy with {environmentSecret}",
        PrivateKey,
    ]);
}
