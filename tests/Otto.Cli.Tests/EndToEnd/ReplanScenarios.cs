namespace Otto.Tests.EndToEnd;

/// <summary>
/// A plan whose task `big` cannot pass (its test asks for it to be split), and a replan that splits it into
/// `big-a` and `big-b`; `core` passes and is merged in plan v1. Shared by the replan and pilot tests.
/// </summary>
public static class ReplanScenarios
{
    public const string BigFailure = "big is too big: split it into big-a and big-b";

    public const string Plan = """
        plan:
          summary: core, then big
          tasks:
            - { id: core, title: Core, description: Add lib/core.sh., role: foundation, depends_on: [], owned_paths: ["lib/core.sh", "tests/test_core.sh"], acceptance: [core exists] }
            - { id: big, title: Big, description: Add lib/big.sh., role: feature, depends_on: [core], owned_paths: ["lib/big*.sh", "tests/test_big*.sh"], acceptance: [big works] }

        """;

    public const string Replan = """
        replan:
          summary: big split in two
          tasks:
            - { id: big-a, title: Big part A, description: Add lib/big_a.sh., role: feature, depends_on: [core], owned_paths: ["lib/big_a.sh", "tests/test_big_a.sh"], acceptance: [a works] }
            - { id: big-b, title: Big part B, description: Add lib/big_b.sh., role: feature, depends_on: [big-a], owned_paths: ["lib/big_b.sh", "tests/test_big_b.sh"], acceptance: [b works] }

        """;

    /// <param name="bigAttempts">The YAML list items of big's attempts (default: every one fails the same way).</param>
    public static string Tasks(string? bigAttempts = null) => $$"""
        tasks:
          core:
            - files: { "lib/core.sh": "echo core\n", "tests/test_core.sh": "[ -f lib/core.sh ]\n" }
              status: { outcome: success, summary: core added }
          big:
        {{bigAttempts ?? Failing}}
          big-a:
            - files: { "lib/big_a.sh": "echo a\n", "tests/test_big_a.sh": "[ -f lib/big_a.sh ]\n" }
              status: { outcome: success, summary: part a }
          big-b:
            - files: { "lib/big_b.sh": "echo b\n", "tests/test_big_b.sh": "[ -f lib/big_b.sh ]\n" }
              status: { outcome: success, summary: part b }

        """;

    public const string Failing = """
            - files: { "lib/big.sh": "echo big\n", "tests/test_big.sh": "echo 'big is too big: split it into big-a and big-b'; exit 1\n" }
              status: { outcome: success, summary: tried big }
        """;

    public const string Passing = """
            - files: { "lib/big.sh": "echo big\n", "tests/test_big.sh": "[ -f lib/big.sh ]\n" }
              status: { outcome: success, summary: big done }
        """;

    public static string Pilot(params string[] decisions) =>
        "decisions:\n" + string.Concat(decisions.Select(d => $"  - {d}\n"));

    public const string PilotRole = "roles:\n  pilot: { provider: scripted }\n";
}
