using Otto.Ownership;

namespace Otto.Tests.Ownership;

public sealed class PathPatternTests
{
    [Theory]
    [InlineData("src/api.py", "src/api.py", true)]
    [InlineData("src/api.py", "src/api.pyc", false)]
    [InlineData("src", "src/a/b/c.py", true)]
    [InlineData("src/", "src/a.py", true)]
    [InlineData("src", "srcx/a.py", false)]
    [InlineData("src", "lib/src/a.py", false)]
    [InlineData("./src//core", "src/core/x.py", true)]
    [InlineData("src/*.py", "src/a.py", true)]
    [InlineData("src/*.py", "src/sub/a.py", false)]
    [InlineData("src/*.py", "src/a.ts", false)]
    [InlineData("src/**", "src/a/b/c.txt", true)]
    [InlineData("src/**", "lib/a.txt", false)]
    [InlineData("src/**/*.py", "src/a.py", true)]
    [InlineData("src/**/*.py", "src/x/y/a.py", true)]
    [InlineData("src/**/*.py", "src/x/y/a.ts", false)]
    [InlineData("**/conftest.py", "conftest.py", true)]
    [InlineData("**/conftest.py", "tests/unit/conftest.py", true)]
    [InlineData("**/conftest.py", "tests/unit/conftest.pyc", false)]
    [InlineData("src/*/api", "src/v1/api", true)]
    [InlineData("src/*/api", "src/v1/api/handler.py", true)]
    [InlineData("src/*/api", "src/v1/apix/handler.py", false)]
    [InlineData("**/tests", "pkg/a/tests/test_x.py", true)]
    [InlineData("test_?.py", "test_a.py", true)]
    [InlineData("test_?.py", "test_ab.py", false)]
    [InlineData(".", "src/deep/a.py", true)]
    [InlineData("./", "README.md", true)]
    [InlineData("a.b+c(d)", "a.b+c(d)", true)]
    [InlineData("a.b+c(d)", "aXb+c(d)", false)]
    public void Matches_files_folders_and_globs(string pattern, string path, bool matches)
    {
        Assert.Equal(matches, PathPattern.Parse(pattern).Matches(path));
    }

    [Theory]
    [InlineData("src/api.py", "src/api.py")]
    [InlineData("src", "src/api.py")]
    [InlineData("src/core", "src/**")]
    [InlineData("src/core", "src/core/*.py")]
    [InlineData("src/**", "src/core/**")]
    [InlineData("src/**", "**/*.py")]
    [InlineData("src/*.py", "src/api*")]
    [InlineData("src/*/api.py", "src/core/*")]
    [InlineData("tests/conftest.py", "tests/*.py")]
    [InlineData("**", "README.md")]
    [InlineData("src/**/*.py", "src/**/test_*")]
    [InlineData("src/**/*.py", "**/api.py")]
    [InlineData(".", "src/api.py")]
    public void Overlapping_patterns_overlap_both_ways(string a, string b)
    {
        Assert.True(PathPattern.Parse(a).Overlaps(PathPattern.Parse(b)), $"{a} / {b}");
        Assert.True(PathPattern.Parse(b).Overlaps(PathPattern.Parse(a)), $"{b} / {a}");
    }

    [Theory]
    [InlineData("src/api.py", "src/db.py")]
    [InlineData("src/core", "src/core2")]
    [InlineData("src/core/**", "src/ui/**")]
    [InlineData("src/**", "tests/**")]
    [InlineData("src/*.py", "src/*.ts")]
    [InlineData("src/a*", "src/b*")]
    [InlineData("src/*.py", "lib/*.py")]
    [InlineData("docs/*.md", "docs/guide")]
    [InlineData("src/*.py", "src/sub/a.py")]
    [InlineData("src/**/*.py", "src/**/*.ts")]
    [InlineData("**/*.md", "src/**/test_*.py")]
    public void Disjoint_patterns_do_not_overlap_either_way(string a, string b)
    {
        Assert.False(PathPattern.Parse(a).Overlaps(PathPattern.Parse(b)), $"{a} / {b}");
        Assert.False(PathPattern.Parse(b).Overlaps(PathPattern.Parse(a)), $"{b} / {a}");
    }

    [Theory]
    [InlineData("src/core/**")]
    [InlineData("README.md")]
    [InlineData("./docs/")]
    [InlineData(".github/workflows/ci.yml")]
    [InlineData("src/..hidden")]
    public void Relative_paths_inside_the_repository_are_fine(string path)
    {
        Assert.Null(PathPattern.Problem(path));
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("   ", "is empty")]
    [InlineData("/etc/passwd", "is absolute")]
    [InlineData("~/secrets", "is absolute")]
    [InlineData("C:/repo/x", "is absolute")]
    [InlineData("../other-repo/x.py", "leaves the repository with '..'")]
    [InlineData("src/../../x.py", "leaves the repository with '..'")]
    [InlineData("src\\core", "uses '\\'")]
    [InlineData(".git/hooks/pre-commit", "is inside .git")]
    [InlineData(".git", "is inside .git")]
    [InlineData(".otto/runs", "is inside .otto")]
    public void Paths_outside_the_repository_or_in_otto_and_git_folders_are_refused(string path, string problem)
    {
        var text = PathPattern.Problem(path);

        Assert.NotNull(text);
        Assert.StartsWith(problem, text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pattern_remembers_its_text_and_whether_it_is_a_glob()
    {
        Assert.False(PathPattern.Parse("./src/core").IsGlob);
        Assert.Equal("src/core", PathPattern.Parse("./src/core").Text);
        Assert.True(PathPattern.Parse("src/*").IsGlob);
        Assert.True(PathPattern.Parse("src/?").IsGlob);
    }
}
