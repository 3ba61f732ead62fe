using Otto.Ownership;

namespace Otto.Tests.Ownership;

/// <summary>Foundation contracts: only the owner changes one, and once it merged only an amendment it was asked for.</summary>
public sealed class ContractFreezeTests
{
    private static readonly (string, string, bool)[] Merged = [("src/core/api.sh", "core", true), ("src/proto/**", "core", true)];

    [Fact]
    public void Another_task_may_not_change_a_contract_even_inside_its_own_paths()
    {
        var freeze = new ContractFreeze("api", [("src/core/api.sh", "core", false)], []);

        var problem = freeze.Problem("src/core/api.sh");

        Assert.StartsWith("src/core/api.sh is a contract owned by task core, which only its owner changes (rule: contracts).", problem, StringComparison.Ordinal);
        Assert.Contains("\"amendments\"", problem, StringComparison.Ordinal); // the route to ask for it
        Assert.Null(freeze.Problem("src/core/other.sh"));
    }

    [Fact]
    public void The_owner_changes_its_contract_until_it_merged_and_then_only_what_it_was_asked_to_amend()
    {
        Assert.Null(new ContractFreeze("core", [("src/core/api.sh", "core", false)], []).Problem("src/core/api.sh"));

        var frozen = new ContractFreeze("core", Merged, ["src/proto/**"]);

        Assert.Equal("src/core/api.sh is a contract, frozen since task core merged: only an amendment another task asks for changes it (rule: contracts)",
            frozen.Problem("src/core/api.sh"));
        Assert.Null(frozen.Problem("src/proto/v1/messages.sh")); // asked for
        Assert.Null(frozen.Problem("src/core/impl.sh")); // no contract
    }

    [Fact]
    public void The_integrator_names_the_contract_before_the_task_s_own_paths()
    {
        var problems = OwnershipRules.Violations("api", false, ["src/**"], [], ["src/core/api.sh", "src/api/x.sh"], new ContractFreeze("api", Merged, []));

        Assert.StartsWith("src/core/api.sh is a contract owned by task core", Assert.Single(problems), StringComparison.Ordinal);
    }
}
