using System.Text.Json.Nodes;
using Otto.Contracts;
using Otto.Planning;
using static Otto.Tests.Planning.PlanJson;

namespace Otto.Tests.Planning;

/// <summary>Every plan rule of contracts.md gives a precise error naming the task and field.</summary>
public sealed class PlanValidatorTests
{
    private static IReadOnlyList<string> Errors(JsonObject plan, int maxTasks = 40)
    {
        var (accepted, errors) = PlanValidator.Validate(plan, maxTasks);
        Assert.Equal(errors.Count == 0, accepted is not null);
        return errors;
    }

    [Fact]
    public void A_good_plan_is_accepted_as_written()
    {
        var json = Plan(
                Task("core", "foundation", null, "src/core/**", "tests/conftest.py"),
                Task("api", "feature", ["core"]),
                Task("ui", "feature", ["core"]),
                Task("e2e", "integration", ["api", "ui"], "tests/e2e/**"))
            .With("shared_files", new JsonArray("tests/conftest.py"))
            .With("contracts", new JsonArray(new JsonObject { ["path"] = "src/core/api.py", ["owner"] = "core" }));

        var (plan, errors) = PlanValidator.Validate(json, maxTasks: 40);

        Assert.Empty(errors);
        Assert.Equal(["core", "api", "ui", "e2e"], plan!.Tasks.Select(t => t.Id));
        Assert.Equal(["api", "ui"], plan.Tasks[3].DependsOn);
        Assert.Equal(["tests/conftest.py"], plan.SharedFiles);
        Assert.Equal(new PlanContract("src/core/api.py", "core"), Assert.Single(plan.Contracts));
    }

    [Fact]
    public void A_single_task_plan_is_valid()
    {
        Assert.Empty(Errors(Plan(Task("only", "feature", null, "."))));
    }

    [Fact]
    public void A_cycle_is_named_task_by_task()
    {
        var errors = Errors(Plan(Task("a", "feature", ["c"]), Task("b", "feature", ["a"]), Task("c", "feature", ["b"])));

        var error = Assert.Single(errors);
        Assert.StartsWith("the dependencies form a cycle: ", error, StringComparison.Ordinal);
        var cycle = error["the dependencies form a cycle: ".Length..].Split(" -> ");
        Assert.Equal(4, cycle.Length);
        Assert.Equal(cycle[0], cycle[^1]);
        Assert.Equal(["a", "b", "c"], cycle[..3].Order());
    }

    [Fact]
    public void A_task_depending_on_itself_is_refused()
    {
        Assert.Contains("task a depends on itself", Errors(Plan(Task("a", "feature", ["a"]))));
    }

    [Fact]
    public void An_unknown_dependency_is_named()
    {
        Assert.Equal(["task api depends on 'core', which is not a task of this plan"], Errors(Plan(Task("api", "feature", ["core"]))));
    }

    [Theory]
    [InlineData("../other/x.py", "task api: owned path '../other/x.py' leaves the repository with '..'")]
    [InlineData("src/../../x", "task api: owned path 'src/../../x' leaves the repository with '..'")]
    [InlineData("/home/me/repo/src", "task api: owned path '/home/me/repo/src' is absolute; owned paths are relative to the repository root")]
    [InlineData(".git/config", "task api: owned path '.git/config' is inside .git, which no task may change")]
    public void Owned_paths_outside_the_repository_are_refused_precisely(string path, string error)
    {
        Assert.Equal([error], Errors(Plan(Task("api", "feature", null, path))));
    }

    [Fact]
    public void Tasks_that_may_run_at_the_same_time_must_own_disjoint_paths()
    {
        var errors = Errors(Plan(Task("api", "feature", null, "src/**"), Task("ui", "feature", null, "src/ui/**")));

        Assert.Equal(["tasks api and ui may run at the same time but both own 'src/**'/'src/ui/**'; make one depend on the other or split the paths"], errors);
    }

    [Fact]
    public void Tasks_ordered_by_a_dependency_chain_may_share_paths()
    {
        var plan = Plan(Task("a", "feature", null, "src/**"), Task("b", "feature", ["a"], "src/x/**"), Task("c", "feature", ["b"], "src/**"));

        Assert.Empty(Errors(plan));
    }

    [Fact]
    public void Siblings_under_one_parent_are_concurrent()
    {
        var plan = Plan(Task("core", "foundation"), Task("a", "feature", ["core"], "app.py"), Task("b", "feature", ["core"], "app.py"));

        Assert.Equal(["tasks a and b may run at the same time but both own 'app.py'/'app.py'; make one depend on the other or split the paths"], Errors(plan));
    }

    [Fact]
    public void Ids_must_be_slug_safe_and_unique()
    {
        var errors = Errors(Plan(Task("Api"), Task("a b"), Task("dup", "feature", null, "x"), Task("dup", "feature", null, "y")));

        Assert.Contains("task id 'Api' is not slug-safe (lowercase letters, digits, '-' and '_', at most 63)", errors);
        Assert.Contains("task id 'a b' is not slug-safe (lowercase letters, digits, '-' and '_', at most 63)", errors);
        Assert.Contains("task id 'dup' is used twice", errors);
    }

    [Fact]
    public void A_task_must_own_some_path()
    {
        var task = Task("api");
        task["owned_paths"] = new JsonArray();

        Assert.Equal(["task api owns no paths; give it the files or folders it will change"], Errors(Plan(task)));
    }

    [Fact]
    public void A_plan_needs_at_least_one_task_and_at_most_max_tasks()
    {
        Assert.Equal(["the plan has no tasks; it needs at least one"], Errors(Plan()));
        Assert.Equal(["the plan has 3 tasks, more than limits.max_tasks (2)"],
            Errors(Plan(Task("a"), Task("b", "feature", ["a"]), Task("c", "feature", ["b"])), maxTasks: 2));
    }

    [Fact]
    public void Shared_files_must_be_owned_by_a_foundation_and_by_no_feature()
    {
        var plan = Plan(Task("core", "foundation"), Task("api", "feature", ["core"], "tests/**"))
            .With("shared_files", new JsonArray("tests/conftest.py"));

        Assert.Equal(
            [
                "shared file 'tests/conftest.py' must be owned by a foundation task",
                "task api owns shared file 'tests/conftest.py', but only a foundation task may change shared files",
            ],
            Errors(plan));
    }

    [Fact]
    public void A_shared_file_outside_the_repository_is_refused()
    {
        var plan = Plan(Task("core", "foundation")).With("shared_files", new JsonArray("../conftest.py"));

        Assert.Equal(["shared file '../conftest.py' leaves the repository with '..'"], Errors(plan));
    }

    [Theory]
    [InlineData("ghost", "src/core/api.py", "contract 'src/core/api.py' names owner 'ghost', which is not a task of this plan")]
    [InlineData("api", "src/api/x.py", "contract 'src/api/x.py' is owned by api, which is not a foundation task")]
    [InlineData("core", "src/other.py", "contract 'src/other.py' is not among the paths its owner core owns")]
    public void Contracts_must_be_owned_by_a_foundation_that_owns_the_path(string owner, string path, string error)
    {
        var plan = Plan(Task("core", "foundation"), Task("api", "feature", ["core"]))
            .With("contracts", new JsonArray(new JsonObject { ["path"] = path, ["owner"] = owner }));

        Assert.Equal([error], Errors(plan));
    }

    [Fact]
    public void Schema_errors_name_the_field()
    {
        var noTasks = new JsonObject { ["summary"] = "x" };
        var badTask = Plan(new JsonObject { ["id"] = "a", ["title"] = "t", ["owned_paths"] = "src/**" });
        var badRole = Plan(Task("a", "boss"));

        Assert.Equal(["plan.json: `tasks` is required"], Errors(noTasks));
        Assert.Equal(["plan.json: tasks[0].owned_paths must be an array"], Errors(badTask));
        Assert.Equal(["plan.json: tasks[0].role is not one of the allowed values"], Errors(badRole));
    }
}
