namespace Otto.Ownership;

/// <summary>How a task asks for a change in a path it does not own (contracts.md: status.json
/// `amendments`): the sentence every layer that refuses such a change ends with.</summary>
public static class AmendmentAdvice
{
    public static string For(string path) =>
        "If the task needs such a change, do not make it: ask for an amendment in your status file " +
        $"(.ai/status.json): \"amendments\": [{{\"path\": \"{path}\", \"change\": \"what must change\", \"reason\": \"why\"}}]; " +
        "otto routes it to the owning task.";
}
