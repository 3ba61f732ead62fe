using System.Text;

namespace Otto.Agents;

/// <summary>
/// The prompt as CLI agents get it: as their prompt argument. Linux refuses a single argument over
/// 128 KiB (execve fails with E2BIG), so a prompt that large is written to `.ai/prompt.md` in the
/// worktree (never committed, like all of `.ai/`) and the argument asks the agent to read it.
/// </summary>
public static class PromptArgument
{
    public const int MaxBytes = 100_000;

    public const string FileName = "prompt.md";

    public static string For(AgentRequest request)
    {
        if (Encoding.UTF8.GetByteCount(request.Prompt) <= MaxBytes) return request.Prompt;
        var dir = Path.Combine(request.Worktree, ".ai");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, FileName), request.Prompt);
        return $"Your instructions are too long for the command line, so they are in the file .ai/{FileName} in your working directory. Read that whole file first, then follow it exactly.";
    }
}
