namespace Otto.Tests.Reporting;

/// <summary>
/// Prompt models shaped like <c>Otto.Engine.PromptModels</c> builds them, one per branch of each template
/// (with and without errors, acceptance, shared files, context, a failed command, a conflict, an answer).
/// </summary>
internal static class PromptCases
{
    private const string Intent = "add rate limiting to the API ({{ not a tag }} <b>and</b> | pipes)";
    private static readonly List<string> TwoCommands = ["npm test", "npm run lint"];

    public static readonly IReadOnlyDictionary<string, (string Template, Dictionary<string, object?> Model)> All =
        new Dictionary<string, (string, Dictionary<string, object?>)>
        {
            ["classify"] = ("classify", Stage(errors: null)),
            ["classify-rejected"] = ("classify", Stage(errors: ["`kind` must be one of feature, bugfix", "`size` is missing"])),
            ["plan"] = ("plan", Stage(errors: null, singleTask: true, learnings: "- tests live in test/\n- use pnpm")),
            ["plan-rejected"] = ("plan", Stage(errors: ["tasks `a` and `b` may run at once but both own `src/x.ts`"], singleTask: false, commands: ["make check"])),
            ["execute"] = ("execute", Task(attempt: 1, acceptance: ["429 after 100 requests a minute", "a Retry-After header"],
                shared: ["package.json", "tsconfig.json"], context: "- core: the limiter is in src/limit.ts")),
            ["execute-minimal"] = ("execute", Task(attempt: 1, acceptance: null, shared: null, context: null, commands: ["./test.sh"])),
            ["fix-verification"] = ("fix", Task(attempt: 2, failure: Failure("verification", "FAIL test/limit.test.ts\n  expected 429, got 200", "npm test"))),
            ["fix-agent"] = ("fix", Task(attempt: 3, failure: Failure("agent", "the agent exited 1 without writing .ai/status.json", null))),
            ["fix-conflict"] = ("fix", Task(attempt: 2, conflict: new()
            {
                ["paths"] = new List<string> { "src/app.ts", "src/routes.ts" },
                ["integration_sha"] = "0123456789abcdef0123456789abcdef01234567",
                ["regions"] = new List<Dictionary<string, object?>>
                {
                    new() { ["path"] = "src/app.ts", ["text"] = "<<<<<<< ours\nuse(limit)\n=======\nuse(auth)\n>>>>>>> theirs" },
                },
            })),
            ["fix-answer"] = ("fix", Task(attempt: 2, answer: "Use a sliding window, not a fixed one.")),
        };

    private static Dictionary<string, object?> Stage(List<string>? errors, bool singleTask = false, string? learnings = null, List<string>? commands = null) => new()
    {
        ["intent"] = Intent,
        ["base_branch"] = "main",
        ["base_sha"] = "89abcdef0123456789abcdef0123456789abcdef",
        ["output_file"] = "/work/tree/.ai/plan.json",
        ["errors"] = errors,
        ["learnings"] = learnings,
        ["max_tasks"] = 12,
        ["verify_commands"] = commands ?? TwoCommands,
        ["classification"] = new Dictionary<string, object?> { ["kind"] = "feature", ["size"] = "medium", ["single_task"] = singleTask, ["rationale"] = "two parts" },
    };

    private static Dictionary<string, object?> Task(int attempt, List<string>? acceptance = null, List<string>? shared = null, string? context = null,
        List<string>? commands = null, Dictionary<string, object?>? failure = null, Dictionary<string, object?>? conflict = null, string? answer = null) => new()
    {
        ["intent"] = Intent,
        ["attempt"] = attempt,
        ["status_file"] = "/work/tree/.ai/status.json",
        ["context"] = context,
        ["shared_files"] = shared,
        ["verify_commands"] = commands ?? TwoCommands,
        ["task"] = new Dictionary<string, object?>
        {
            ["id"] = "limit",
            ["title"] = "Rate limiter",
            ["description"] = "Add a token-bucket limiter in src/limit.ts and use it in src/app.ts.",
            ["branch"] = "otto/tasks/20261128-010135-f6f0/limit",
            ["owned_paths"] = new List<string> { "src/limit.ts", "test/limit.test.ts" },
            ["acceptance"] = acceptance,
        },
        ["failure"] = failure,
        ["conflict"] = conflict,
        ["answer"] = answer,
    };

    private static Dictionary<string, object?> Failure(string kind, string reason, string? command) => new()
    {
        ["kind"] = kind, ["reason"] = reason, ["signature"] = "sig-0123456789ab", ["command"] = command,
    };
}
