using Otto.Runs;

namespace Otto.Engine;

/// <summary>
/// A run that ended for its environment (a full disk, a command the project needs) is not over for good:
/// once that is fixed, `otto resume` reopens it — its earlier ending kept as final.previous.json — and it
/// carries on from where it stopped, with nothing lost and the interrupted attempts not counted.
/// </summary>
public static class EnvironmentResume
{
    public static bool Applies(RunState state) => state.IsFinished && state.Outcome?.Cause?.Kind == FailureKind.Environment;

    public static void Reopen(RunJournal journal)
    {
        var paths = journal.Paths;
        if (File.Exists(paths.Final)) File.Move(paths.Final, Path.Combine(paths.Dir, "final.previous.json"), overwrite: true);
        journal.Commit(state => Applies(state) ? [new NewEvent(new RunResumed("the environment problem was fixed", Environment: true))] : []);
    }
}
