using System.CommandLine;
using Otto.Config;
using Otto.Engine;
using Otto.Hooks;
using Otto.Projects;

namespace Otto.Cli.Commands;

/// <summary>`otto init`: writes otto.yaml (the detected install step and test command), keeps .otto/ and
/// install folders out of git status, and installs otto's git hooks (unless --no-hooks).</summary>
public static class InitCommand
{
    private static readonly Option<bool> NoHooks = new("--no-hooks") { Description = "Do not install otto's git hooks (`otto hooks install` does it later)." };

    public static Command Create(CliIO io)
    {
        var command = new Command("init", "Write otto.yaml (with the detected install step and verify command), exclude .otto/ from git, install otto's git hooks.") { NoHooks };
        command.SetAction(parsed =>
        {
            var (repo, _) = CommonOptions.Repo(parsed);
            var path = Path.Combine(repo.Root, ConfigLoader.FileName);
            ExcludeFile.Ensure(repo);
            if (!parsed.GetValue(NoHooks))
            {
                foreach (var line in new HookInstaller(repo).Install(OttoCommand.Current())) io.Err.WriteLine("hooks: " + line);
            }
            else io.Err.WriteLine("hooks: not installed (--no-hooks); `otto hooks install` installs them");
            if (File.Exists(path))
            {
                ConfigLoader.LoadFromRepo(repo.Root);
                io.Err.WriteLine($"{path} exists and is valid; left as it is");
                return ExitCodes.Succeeded;
            }
            var detected = ProjectDetector.Detect(repo.Root);
            File.WriteAllText(path, Template(detected));
            if (detected is null)
            {
                io.Err.WriteLine($"wrote {path}; no test command was detected: set verify.commands (and setup.commands, the install step) before `otto build`");
            }
            else
            {
                var setup = detected.Setup.Count == 0 ? "no install step" : "setup: " + string.Join(" && ", detected.Setup);
                io.Err.WriteLine($"wrote {path} ({detected.Ecosystem}; {setup}; verify: {detected.Verify})");
                var outputs = detected.Outputs.Where(f => !ExcludeFile.IsIgnored(repo, f)).ToList();
                foreach (var pattern in outputs) ExcludeFile.EnsureEntry(repo, pattern, "written into task worktrees by setup or verify; never part of an agent's commit");
                if (outputs.Count > 0)
                    io.Err.WriteLine($"listed {string.Join(", ", outputs)} in .git/info/exclude: what setup installs and the tests leave in a worktree must not end up in an agent's commit");
            }
            io.Err.WriteLine("otto reads otto.yaml from your checkout, so `otto build` works before you commit it; commit it to share it. " +
                "Other untracked files never reach the task worktrees (they are checked out from the last commit): commit what the work needs.");
            io.Err.WriteLine("`otto doctor` runs the setup and verify commands once on your last commit and says whether they pass");
            io.Err.WriteLine($"every key is described in {ShippedFiles.Example} and {ShippedFiles.ConfigSchema}");
            return ExitCodes.Succeeded;
        });
        return command;
    }

    public static string Template(DetectedProject? detected) => $$"""
        # otto.yaml: how otto builds in this repository. Every key: otto.yaml.example.
        agent:
          provider: claude          # claude | codex | gemini | command | scripted
          # model: sonnet
        concurrency: 4
        setup:
          # Run in each new task worktree (a fresh checkout of the last commit) before its agent starts.
          commands:{{List(detected?.Setup ?? [], "    # - \"npm ci\"")}}
        verify:
          commands:
        {{(detected is null ? "    # - run: \"your test command\"\n    #   timeout: 10m" : $"    - run: {Quote(detected.Verify)}\n      timeout: 10m")}}
        limits:
          attempt_timeout: 30m
          stall_timeout: 5m
          max_attempts: 3
          run_budget: 2h
          max_cost_usd: 25
        """ + "\n";

    private static string List(IReadOnlyList<string> items, string placeholder) =>
        items.Count == 0 ? " []\n" + placeholder : string.Concat(items.Select(i => "\n    - " + Quote(i)));

    private static string Quote(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
