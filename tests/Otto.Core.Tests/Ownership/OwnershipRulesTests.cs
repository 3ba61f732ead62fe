using Otto.Ownership;

namespace Otto.Tests.Ownership;

public sealed class OwnershipRulesTests
{
    [Fact]
    public void Changes_inside_the_owned_paths_are_allowed()
    {
        var problems = OwnershipRules.Violations("api", false, ["src/api/**", "tests/test_api.py"], ["tests/conftest.py"],
            ["src/api/routes.py", "src/api/deep/x.py", "tests/test_api.py"]);

        Assert.Empty(problems);
    }

    [Fact]
    public void Each_change_outside_the_owned_paths_is_one_sentence_naming_task_and_path()
    {
        var problems = OwnershipRules.Violations("api", false, ["src/api/**"], [], ["src/api/ok.py", "src/db/models.py", "README.md"]);

        Assert.Equal(
            [
                "src/db/models.py is outside the paths task api owns (src/api/**)",
                "README.md is outside the paths task api owns (src/api/**)",
            ],
            problems);
    }

    [Fact]
    public void A_feature_may_not_change_a_shared_file_even_inside_its_own_paths()
    {
        var problems = OwnershipRules.Violations("api", false, ["tests/**"], ["tests/conftest.py"], ["tests/conftest.py"]);

        Assert.Equal(["tests/conftest.py is a shared file, which only a foundation task may change (rule: shared_files)"], problems);
    }

    [Fact]
    public void A_foundation_may_change_the_shared_files_it_owns()
    {
        Assert.Empty(OwnershipRules.Violations("core", true, ["tests/conftest.py", "src/core/**"], ["tests/conftest.py"], ["tests/conftest.py"]));
    }

    [Fact]
    public void A_foundation_still_may_not_change_a_shared_file_it_does_not_own()
    {
        var problems = OwnershipRules.Violations("core", true, ["src/core/**"], ["tests/conftest.py"], ["tests/conftest.py"]);

        Assert.Single(problems);
    }
}
