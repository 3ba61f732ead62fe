using Otto.Contracts;
using Otto.Planning;
using Otto.Reporting;

namespace Otto.Engine;

/// <summary>
/// Loads and JIT-compiles, in the background, what the first stages will need: NJsonSchema (about 200 ms
/// on first use) and the Scriban prompt templates, while the planner's worktree is being made
/// and its agent runs. Purely a head start: the stages work the same without it.
/// </summary>
public static class Warmup
{
    /// <summary>The schemas alone, for `otto build` to start before it creates the run (git commands,
    /// run.json, the first event): the classify stage validates its answer ~0.3 s after the run starts,
    /// and NJsonSchema's first use would otherwise still be under way then.</summary>
    public static void StartSchemas() => _ = Task.Run(() => Quietly(WarmSchemas));

    public static void Start(PromptRenderer prompts) => _ = Task.Run(() => Quietly(() =>
    {
        WarmSchemas(); // cached already when `otto build` started them
        foreach (var name in PromptRenderer.Names) prompts.Render(name, new Dictionary<string, object?>());
    }));

    private static void WarmSchemas()
    {
        SchemaValidator.Validate("classification", "{}");
        SchemaValidator.Validate("plan", "{}");
        SchemaValidator.Validate("status", "{}");
    }

    private static void Quietly(Action warm)
    {
        try
        {
            warm();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A template override with an error is reported when the stage renders it, not here.
        }
    }
}
