using Otto.Config;
using Otto.MergeGates;

namespace Otto.Tests.MergeGates;

public sealed class FileGatesTests
{
    [Theory]
    [InlineData("link", "/etc/passwd", true)]
    [InlineData("link", "~/.ssh/id_rsa", true)]
    [InlineData("link", "../outside", true)]
    [InlineData("a/b/link", "../../../x", true)]
    [InlineData("a/link", "../.git/config", true)]
    [InlineData("link", ".git/hooks/pre-commit", true)]
    [InlineData("a/b/link", "../c/file", false)]
    [InlineData("a/link", "./sibling", false)]
    [InlineData("a/b/link", "../../top.txt", false)]
    [InlineData("link", "dir/../file", false)]
    [InlineData("a/link", "b/.git-like", false)]
    public void A_symlink_points_outside_when_it_is_absolute_climbs_out_or_enters_git(string link, string target, bool outside)
    {
        Assert.Equal(outside, FileGates.PointsOutside(link, target));
    }

    [Fact]
    public void Big_files_and_escaping_links_are_refused_with_their_rule_and_the_rest_passes()
    {
        ChangedFile[] files =
        [
            new("assets/big.bin", "100644", 200L << 20, null),
            new("assets/ok.bin", "100644", 50L << 20, null),
            new("etc-passwd", ChangedFile.SymlinkMode, 11, "/etc/passwd"),
            new("docs/latest", ChangedFile.SymlinkMode, 10, "v2/README.md"),
            new("vendor/lib", ChangedFile.GitlinkMode, 0, null),
        ];

        var violations = FileGates.Violations(files, ByteSize.FromMegabytes(50));

        Assert.Equal(
            [
                "assets/big.bin: 200MB (209715200 bytes), over the limit of 50MB (rule: limits.max_file_size)",
                "etc-passwd: a symlink to /etc/passwd, outside the repository (rule: symlink-outside-repository)",
            ],
            violations.Select(v => v.ToString()));
    }
}
