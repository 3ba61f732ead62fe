using Otto.Pr;

namespace Otto.Tests.Pr;

/// <summary>The pure decisions of `otto pr`: what to push, the title, the gh repository, shell quoting.</summary>
public sealed class PrDecisionTests
{
    [Fact]
    public void The_remote_branch_is_pushed_only_over_nothing_or_what_otto_pushed_itself()
    {
        Assert.Equal(new PushDecision.UpToDate(), PushDecision.Decide("v", "v", null));
        Assert.Equal(new PushDecision.Push(""), PushDecision.Decide("", "v", null));
        Assert.Equal(new PushDecision.Push("old"), PushDecision.Decide("old", "v", "old"));
        Assert.Equal(new PushDecision.Foreign("theirs"), PushDecision.Decide("theirs", "v", "old"));
        Assert.Equal(new PushDecision.Foreign("theirs"), PushDecision.Decide("theirs", "v", null));
    }

    [Theory]
    [InlineData("add rate limiting to the API", false, "Add rate limiting to the API")]
    [InlineData("  fix   the\tlogin  \nand more lines", false, "Fix the login")]
    [InlineData("add caching", true, "[failed run] Add caching")]
    public void The_title_is_the_intents_first_line(string intent, bool failed, string title) => Assert.Equal(title, PrGate.Title(intent, failed));

    [Fact]
    public void A_long_intent_is_shortened_in_the_title() =>
        Assert.Equal(72, PrGate.Title(new string('x', 200), failed: false).Length);

    [Theory]
    [InlineData("https://github.com/acme/widgets.git", "github.com/acme/widgets")]
    [InlineData("https://github.com/acme/widgets", "github.com/acme/widgets")]
    [InlineData("git@github.com:acme/widgets.git", "github.com/acme/widgets")]
    [InlineData("ssh://git@ghe.example.com:2222/acme/widgets.git", "ghe.example.com/acme/widgets")]
    [InlineData("https://user:token@github.com/acme/widgets.git", "github.com/acme/widgets")]
    [InlineData("/srv/git/widgets.git", null)]
    [InlineData("../remote.git", null)]
    public void The_gh_repository_comes_from_the_remote_url(string url, string? repo) => Assert.Equal(repo, new GitRemote("origin", url).GitHubRepo);

    [Fact]
    public void Commands_are_quoted_only_where_a_shell_needs_it() =>
        Assert.Equal("gh pr create --title 'it'\\''s done' --base main --body-file '/tmp/a b/pr.md' --force-with-lease=refs/heads/x:",
            CommandLine.Format(["gh", "pr", "create", "--title", "it's done", "--base", "main", "--body-file", "/tmp/a b/pr.md", "--force-with-lease=refs/heads/x:"]));
}
