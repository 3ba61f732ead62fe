namespace Otto.Tests.EndToEnd.Support;

/// <summary>Small scenario files for the scripted agent (contracts.md), written as YAML text.</summary>
public static class Scenarios
{
    /// <summary>A plan with one foundation task that owns lib/ and its test.</summary>
    public static string OneTaskPlan(string id = "work") => $$"""
        plan:
          summary: one task
          tasks:
            - { id: {{id}}, title: The work, description: Change lib/ and its test., role: foundation, depends_on: [], owned_paths: ["lib/**", "tests/test_{{id}}.sh"], acceptance: [the test passes] }

        """;

    /// <summary>The one-task plan and the task's attempts (each a YAML mapping, indented by the caller's text).</summary>
    public static string OneTask(string id, params string[] attempts) =>
        OneTaskPlan(id) + $"tasks:\n  {id}:\n" + string.Concat(attempts.Select(Attempt));

    /// <summary>Turns "key: value" lines into one list item under a task (six spaces of indentation).</summary>
    private static string Attempt(string body)
    {
        var lines = body.Trim('\n').Split('\n');
        return "    - " + lines[0] + "\n" + string.Concat(lines.Skip(1).Select(l => "      " + l + "\n"));
    }

    /// <summary>A step that writes a passing lib file and test, with the given extra keys.</summary>
    public static string PassingWork(string id = "work", string extra = "") =>
        $"files: {{ \"lib/{id}.sh\": \"echo {id}\\n\", \"tests/test_{id}.sh\": \"[ -f lib/{id}.sh ] || {{ echo 'lib/{id}.sh is missing'; exit 1; }}\\n\" }}" +
        (extra.Length > 0 ? "\n" + extra : "");
}
