using Otto.Agents;

namespace Otto.Tests.Agents;

public sealed class FailureClassifierTests
{
    [Theory]
    [InlineData(401, FailureClasses.Auth)]
    [InlineData(403, FailureClasses.Auth)]
    [InlineData(429, FailureClasses.Transient)]
    [InlineData(500, FailureClasses.Transient)]
    [InlineData(503, FailureClasses.Transient)]
    [InlineData(529, FailureClasses.Transient)]
    [InlineData(400, FailureClasses.Deterministic)]
    [InlineData(404, FailureClasses.Deterministic)]
    public void An_http_status_decides_first(int status, string expected) =>
        Assert.Equal(expected, FailureClassifier.Classify(status));

    [Theory]
    [InlineData("Invalid API key · Please run /login", FailureClasses.Auth)]
    [InlineData("OAuth token has expired. Please obtain a new token or refresh your existing token.", FailureClasses.Auth)]
    [InlineData("unexpected status 401 Unauthorized", FailureClasses.Auth)]
    [InlineData("API key not valid. Please pass a valid API key. API_KEY_INVALID", FailureClasses.Auth)]
    [InlineData("Reached max session turns for this session", FailureClasses.Budget)]
    [InlineData("You've hit your usage limit. Upgrade to Pro", FailureClasses.Budget)]
    [InlineData("exceeded retry limit, last status: 429 Too Many Requests", FailureClasses.Transient)]
    [InlineData("API Error: 529 {\"type\":\"overloaded_error\"}", FailureClasses.Transient)]
    [InlineData("stream disconnected before completion", FailureClasses.Transient)]
    [InlineData("Error: read ECONNRESET", FailureClasses.Transient)]
    [InlineData("fetch failed", FailureClasses.Transient)]
    [InlineData("Request timed out", FailureClasses.Transient)]
    [InlineData("the model refused to edit the file", FailureClasses.Deterministic)]
    [InlineData("", FailureClasses.Deterministic)]
    public void Otherwise_the_words_decide(string text, string expected) =>
        Assert.Equal(expected, FailureClassifier.Classify(null, text));

    [Theory]
    [InlineData("API Error: Unable to connect to API (FailedToOpenSocket)")]
    [InlineData("API Error: Unable to connect to API (ConnectionRefused)")]
    [InlineData("API Error: Can't reach the API server — check your internet or DNS (ENOTFOUND)")]
    [InlineData("API request failed (connection error, no HTTP response); retrying, attempt 3 of 10")]
    [InlineData("Reconnecting... waiting for network (Connection failed: error sending request)")]
    [InlineData("Reconnecting... 2/5 (stream disconnected before completion: failed to lookup address information: Name does not resolve)")]
    [InlineData("[API Error: exception TypeError: fetch failed sending request]")]
    [InlineData("getaddrinfo EAI_AGAIN api.anthropic.com")]
    [InlineData("connect ENETUNREACH 160.79.104.10:443")]
    public void An_unreachable_network_is_transient_and_recognised_as_the_network(string text)
    {
        Assert.Equal(FailureClasses.Transient, FailureClassifier.Classify(null, text));
        Assert.True(FailureClassifier.IsNetwork(text));
    }

    [Theory]
    [InlineData("API Error: 529 {\"type\":\"overloaded_error\"}")]
    [InlineData("exceeded retry limit, last status: 429 Too Many Requests")]
    [InlineData("")]
    public void A_rate_limit_or_an_overload_is_not_the_network(string text) => Assert.False(FailureClassifier.IsNetwork(text));

    [Theory]
    [InlineData("error: unexpected argument '--bogus-flag' found")]
    [InlineData("error: unknown option '--bogus'")]
    [InlineData("Unknown argument: bogus")]
    [InlineData("Not inside a trusted directory and --skip-git-repo-check was not specified.")]
    public void A_cli_refusing_its_options_or_its_folder_is_an_environment_failure(string text) =>
        Assert.Equal(FailureClasses.Environment, FailureClassifier.Classify(null, text));

    [Fact]
    public void Credentials_win_over_retryable_words() =>
        Assert.Equal(FailureClasses.Auth, FailureClassifier.Classify(null, "401 Unauthorized; retrying after rate limit"));

    [Fact]
    public void Later_texts_are_consulted_when_earlier_ones_say_nothing() =>
        Assert.Equal(FailureClasses.Transient, FailureClassifier.Classify(null, "something went wrong", null, "getaddrinfo EAI_AGAIN api.anthropic.com"));
}
