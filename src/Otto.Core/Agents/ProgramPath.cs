namespace Otto.Agents;

/// <summary>
/// Where an agent's program is, by one rule for `otto doctor`, the check before a run and the run itself:
/// a path with a slash that is not absolute (`./my-agent.sh`, `tools/agent`) is relative to the user's
/// checkout (the repository root), never to the task's worktree — a script the user has not committed
/// is not in the worktree; a bare name (`my-agent`) is looked up on PATH, as a shell would.
/// </summary>
public static class ProgramPath
{
    public static string Resolve(string program, string repoRoot) =>
        program.Contains('/', StringComparison.Ordinal) && !Path.IsPathRooted(program)
            ? Path.GetFullPath(Path.Combine(repoRoot, program))
            : program;
}
