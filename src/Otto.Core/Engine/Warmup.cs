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
    public static void Start(PromptRenderer prompts) => _ = Task.Run(() =>
    {
        try
        {
            SchemaValidator.Validate("classification", "{}");
            SchemaValidator.Validate("plan", "{}");
            SchemaValidator.Validate("status", "{}");
            foreach (var name in PromptRenderer.Names) prompts.Render(name, new Dictionary<string, object?>());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A template override with an error is reported when the stage renders it, not here.
        }
    });
}
