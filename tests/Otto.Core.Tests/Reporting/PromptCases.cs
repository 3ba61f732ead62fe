namespace Otto.Tests.Reporting;

/// <summary>
/// Prompt models shaped like <c>Otto.Engine.PromptModels</c> builds them, one per branch of each template
/// (with and without errors, acceptance, shared files, context, a failed command, a conflict, an answer).
/// </summary>
internal static class PromptCases
{
    private const string Intent = "add rate limiting to the API ({{ not a tag }} <b>and</b> | pipes)";
    private static readonly List<string> TwoCommands = ["npm test", "npm run lint"];

    // Before All: static fields initialize in order.
    private static readonly List<Dictionary<string, object?>> Contracts =
    [
        new() { ["path"] = "src/core/api.ts", ["owner"] = "core", ["text"] = "export interface Clock {\n  now(): number;\n}", ["note"] = null },
        new() { ["path"] = "src/core/big.ts", ["owner"] = "core", ["text"] = "// line 1", ["note"] = "its first 1 of 400 lines; all of it: `git show fedcba98:src/core/big.ts`" },
        new() { ["path"] = "src/core/more.ts", ["owner"] = "core", ["text"] = null, ["note"] = "not shown, for room: `git show fedcba98:src/core/more.ts`" },
    ];

    private static readonly List<Dictionary<string, object?>> AskedOf =
    [
        new() { ["id"] = 1, ["requester"] = "api", ["path"] = "src/limit.ts", ["change"] = "export the bucket size", ["reason"] = "api shows it in a header" },
        new() { ["id"] = 2, ["requester"] = "admin", ["path"] = "src/limit.ts", ["change"] = "add reset()", ["reason"] = null },
    ];

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
            ["execute-contracts"] = ("execute", With(Task(attempt: 1, shared: ["package.json"]), new()
            {
                ["own_contracts"] = new List<string> { "src/limit.ts" },
                ["contracts"] = Contracts,
                ["amendments"] = AskedOf,
            })),
            ["fix-amended"] = ("fix", With(Task(attempt: 2), new()
            {
                ["contracts"] = Contracts,
                ["on_top_of"] = "fedcba9876543210fedcba9876543210fedcba98",
                ["amendments_made"] = new List<Dictionary<string, object?>>
                {
                    new() { ["id"] = 1, ["owner"] = "core", ["path"] = "src/core/api.ts", ["change"] = "export the clock", ["commit"] = "fedcba98", ["summary"] = "exported now()" },
                },
            })),
            ["amend"] = ("amend", With(Task(attempt: 2, failure: Failure("verification", "FAIL test/limit.test.ts", "npm test")), new()
            {
                ["own_contracts"] = new List<string> { "src/limit.ts" },
                ["amendments"] = AskedOf,
                ["on_top_of"] = "fedcba9876543210fedcba9876543210fedcba98",
            })),
        };

    private static Dictionary<string, object?> With(Dictionary<string, object?> model, Dictionary<string, object?> more)
    {
        foreach (var (key, value) in more) model[key] = value;
        return model;
    }

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
