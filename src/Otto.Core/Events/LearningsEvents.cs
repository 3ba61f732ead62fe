namespace Otto.Events;

// What agents learned, kept in the repository when learnings.path is tracked.

/// <summary>The run's new learnings landed as the last commit of the integration branch: <see cref="Commit"/>,
/// on <see cref="Parent"/> (the head it was verified on top of), adds <see cref="Count"/> learnings to
/// <see cref="Path"/> and changes nothing else. It moves the integration head, like a merge.</summary>
public sealed record LearningsCommitted(string Commit, string Parent, string Path, int Count) : EventBody;
