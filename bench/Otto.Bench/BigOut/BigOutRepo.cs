namespace Otto.Bench.BigOut;

/// <summary>
/// The files of a big-output case's repository: a one-task plan (scripted planner), and the
/// implementer either a command agent running the script or the scripted agent running it as a `run` step.
/// Either way the agent also writes its owned file and a success status.
/// </summary>
public static class BigOutRepo
{
    public const string TaskId = "big";

    public static IReadOnlyDictionary<string, string> Files(string provider, string script)
    {
        const string status = """{"outcome":"success","summary":"printed a lot"}""";
        var implementer = provider == "command"
            ? $"""
                roles:
                  implementer:
                    provider: command
                    command: ["sh", "-c", {Quote($"{script}; mkdir -p work .ai && echo done > work/out.txt && printf '%s' '{status}' > \"$OTTO_STATUS_FILE\"")}]

                """
            : "";
        var yaml = $"""
            agent:
              provider: scripted
              scenario: scenario.yaml
            {implementer}concurrency: 1
            verify:
              commands:
                - run: "true"
            limits:
              attempt_timeout: 30m
              stall_timeout: 5m
              max_attempts: 1

            """;
        var scenario = $$"""
            plan:
              summary: one task that prints a lot
              tasks:
                - id: {{TaskId}}
                  title: Print a lot
                  description: Print a lot to stdout.
                  role: foundation
                  depends_on: []
                  owned_paths: ["work/**"]
                  acceptance: ["it ends"]
            tasks:
              {{TaskId}}:
                - run: [{{Quote(script)}}]
                  files: { "work/out.txt": "done\n" }
                  status: { outcome: success, summary: printed a lot }

            """;
        return new Dictionary<string, string> { ["otto.yaml"] = yaml, ["scenario.yaml"] = scenario };
    }

    /// <summary>A YAML double-quoted scalar.</summary>
    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
