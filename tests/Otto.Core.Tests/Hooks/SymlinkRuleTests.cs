using Otto.Ownership;

namespace Otto.Tests.Hooks;

public sealed class SymlinkRuleTests
{
    [Theory]
    [InlineData("src/api/link", "../core/api.py")]
    [InlineData("src/api/link", "helper.py")]
    [InlineData("link", "./src/x")]
    public void A_link_that_stays_in_the_repository_passes(string path, string target) =>
        Assert.Null(SymlinkRule.Problem(path, target));

    [Theory]
    [InlineData("src/api/link", "/etc/passwd", "outside the repository")]
    [InlineData("src/api/link", "../../../secret", "outside the repository")]
    [InlineData("link", "~/.ssh/id_rsa", "outside the repository")]
    [InlineData("src/link", "../.git/hooks/pre-commit", "inside .git")]
    [InlineData("link", ".otto/runs", "inside .otto")]
    public void A_link_that_leads_out_is_refused_naming_path_and_target(string path, string target, string why)
    {
        var problem = SymlinkRule.Problem(path, target);

        Assert.NotNull(problem);
        Assert.StartsWith($"{path} is a symlink to {target}", problem, StringComparison.Ordinal);
        Assert.Contains(why, problem, StringComparison.Ordinal);
    }
}
