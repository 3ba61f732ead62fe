using Otto.Events;
using Otto.Hooks;
using Otto.Ownership;
using Otto.Planning;

namespace Otto.Tests.Hooks;

public sealed class TaskRulesTests
{
    private static PlanTask Task(string id, TaskRole role, params string[] owned) => new(id, id, "", role, [], owned, []);

    [Theory]
    [InlineData("api", "src/api/x.py")]
    [InlineData("api", "src/core/y.py")]
    [InlineData("api", "tests/conftest.py")]
    [InlineData("api", ".gitignore")]
    [InlineData("core", "tests/conftest.py")]
    [InlineData("core", "src/api/x.py")]
    public void The_hooks_refuse_exactly_what_the_integrator_refuses(string task, string path)
    {
        var plan = new PlanDocument("p", [Task("core", TaskRole.Foundation, "src/core/**", "tests/conftest.py"), Task("api", TaskRole.Feature, "src/api/**", "tests/**")], ["tests/conftest.py"], []);
        var planned = plan.Tasks.Single(t => t.Id == task);

        var integrator = OwnershipRules.Violations(task, planned.Role == TaskRole.Foundation, planned.OwnedPaths, plan.SharedFiles, [path]);
        var hook = new TaskRules(plan, task).Refusal(path);

        Assert.Equal(integrator.Count > 0, hook is not null);
    }

    [Fact]
    public void A_refusal_names_the_owner_or_no_task()
    {
        var plan = new PlanDocument("p", [Task("core", TaskRole.Foundation, "src/core/**", "tests/conftest.py"), Task("api", TaskRole.Feature, "src/api/**")], ["tests/conftest.py"], [new PlanContract("src/core/api.py", "core")]);
        var rules = new TaskRules(plan, "api");

        Assert.Equal("owned by task `core`", rules.Refusal("src/core/db.py"));
        Assert.Equal("a shared file, owned by task `core`", rules.Refusal("tests/conftest.py"));
        Assert.Equal("owned by no task", rules.Refusal("README.md"));
        Assert.Null(rules.Refusal("src/api/routes.py"));
    }

    [Fact]
    public void A_contract_belongs_to_its_foundation_even_inside_a_feature_s_paths()
    {
        var plan = new PlanDocument("p", [Task("core", TaskRole.Foundation, "src/core/api.py"), Task("wide", TaskRole.Feature, "src/**")], [], [new PlanContract("src/core/api.py", "core")]);

        Assert.Equal("a shared file, owned by task `core`", new TaskRules(plan, "wide").Refusal("src/core/api.py"));
        Assert.Null(new TaskRules(plan, "core").Refusal("src/core/api.py"));
    }
}
