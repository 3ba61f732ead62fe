namespace Otto.Projects;

/// <summary>
/// What `otto init` found out about a project from its files: its ecosystem, the commands that prepare a
/// fresh checkout (setup.commands: install the dependencies), the test command that goes with them, and
/// what the install and the tests write into the checkout, as gitignore patterns (kept out of git, so an
/// agent's commit never carries them).
/// </summary>
public sealed record DetectedProject(string Ecosystem, IReadOnlyList<string> Setup, string Verify, IReadOnlyList<string> Outputs);
