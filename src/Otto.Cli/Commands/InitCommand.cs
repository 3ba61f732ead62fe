using System.CommandLine;
using Otto.Config;
using Otto.Engine;
using Otto.Verification;

namespace Otto.Cli.Commands;

/// <summary>`otto init`: writes otto.yaml (with the detected test command) and keeps .otto/ out of git status.</summary>
public static class InitCommand
{
    public static Command Create(CliIO io)
    {
        var command = new Command("init", "Write otto.yaml (with the detected verify command) and exclude .otto/ from git.");
        command.SetAction(parsed =>
        {
            var (repo, _) = CommonOptions.Repo(parsed);
            var path = Path.Combine(repo.Root, ConfigLoader.FileName);
            ExcludeFile.Ensure(repo);
            if (File.Exists(path))
            {
                ConfigLoader.LoadFromRepo(repo.Root);
                io.Err.WriteLine($"{path} exists and is valid; left as it is");
                return ExitCodes.Succeeded;
            }
            var detected = VerifyDetector.Detect(repo.Root);
            File.WriteAllText(path, Template(detected));
            io.Err.WriteLine($"wrote {path}" + (detected is null
                ? "; no test command was detected: set verify.commands before `otto build`"
                : $" (verify: {detected})"));
            io.Err.WriteLine("every key is described in otto.yaml.example and schemas/otto.schema.json");
            return ExitCodes.Succeeded;
        });
        return command;
    }

    public static string Template(string? verifyCommand) => $$"""
        # otto.yaml: how otto builds in this repository. Every key: otto.yaml.example.
        agent:
          provider: claude          # claude | codex | gemini | command | scripted
          # model: sonnet
        concurrency: 4
        verify:
          commands:
        {{(verifyCommand is null ? "    # - run: \"your test command\"\n    #   timeout: 10m" : $"    - run: {Quote(verifyCommand)}\n      timeout: 10m")}}
        limits:
          attempt_timeout: 30m
          stall_timeout: 5m
          max_attempts: 3
          run_budget: 2h
          max_cost_usd: 25
        """ + "\n";

    private static string Quote(string text) => "\"" + text.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
