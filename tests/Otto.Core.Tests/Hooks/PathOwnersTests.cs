using Otto.Events;
using Otto.Ownership;
using Otto.Planning;

namespace Otto.Tests.Hooks;

public sealed class PathOwnersTests
{
    private static readonly PlanDocument Plan = new(
        "a plan",
        [
            Task("core", TaskRole.Foundation, "src/core/**", "tests/conftest.py"),
            Task("api", TaskRole.Feature, "src/api/**", "tests/test_api.py"),
            Task("routes", TaskRole.Feature, "src/api/routes.py"),
            Task("docs", TaskRole.Feature, "docs"),
        ],
        ["tests/conftest.py"],
        [new PlanContract("src/core/api.py", "core")]);

    private static PlanTask Task(string id, TaskRole role, params string[] owned) => new(id, id, "", role, [], owned, []);

    [Theory]
    [InlineData("src/core/db.py", "core")]
    [InlineData("src/api/handlers/x.py", "api")]
    [InlineData("tests/test_api.py", "api")]
    [InlineData("docs/index.md", "docs")]
    [InlineData("docs", "docs")]
    public void The_task_whose_paths_name_it_owns_a_path(string path, string owner) =>
        Assert.Equal(owner, new PathOwners(Plan).OwnerOf(path));

    [Fact]
    public void The_most_precise_pattern_wins_over_a_broader_one() =>
        Assert.Equal("routes", new PathOwners(Plan).OwnerOf("src/api/routes.py"));

    [Fact]
    public void Contracts_and_shared_files_belong_to_their_foundation()
    {
        var owners = new PathOwners(Plan);

        Assert.Equal("core", owners.OwnerOf("src/core/api.py"));
        Assert.Equal("core", owners.OwnerOf("tests/conftest.py"));
    }

    [Theory]
    [InlineData("README.md")]
    [InlineData(".gitignore")]
    [InlineData("src/other/x.py")]
    public void A_path_no_task_names_has_no_owner(string path) =>
        Assert.Null(new PathOwners(Plan).OwnerOf(path));
}
