using Otto.Agents;
using Otto.Config;
using Otto.Engine;
using Otto.Git;

namespace Otto.Doctor;

/// <summary>
/// `otto doctor`: the environment otto needs (git 2.38+, setsid), otto.yaml, whether bubblewrap works
/// here (`sandbox: bwrap`), and every agent CLI the configuration uses (on PATH, its version beside the one
/// otto was checked against, showing the flags otto passes, logged in as far as it can tell offline; with
/// --probe, answering one prompt).
/// Never changes anything, except that a probe spends one small prompt per CLI.
/// </summary>
public sealed class DoctorChecks(string directory, bool probe)
{
    private static readonly TimeSpan HelpTimeout = TimeSpan.FromSeconds(20);

    public async Task<DoctorReport> RunAsync(CancellationToken ct)
    {
        var checks = new List<DoctorCheck> { Git(), Setsid(), Launcher() };
        var (config, repoRoot, configCheck) = Config();
        checks.AddRange(configCheck);
        checks.Add(Sandbox(config));
        var loginsChecked = new HashSet<string>();
        foreach (var agent in ConfiguredAgents(config))
        {
            var check = await ProviderAsync(agent, config, repoRoot, ct).ConfigureAwait(false);
            checks.Add(check);
            var provider = agent.Provider ?? AgentConfig.DefaultProvider;
            if (check.Status == CheckStatus.Fail || !ProviderCatalog.CliProviders.Contains(provider)) continue;
            if (loginsChecked.Add(provider))
            {
                var binary = CliOutput.Locate(CliAgentSettings.For(provider, agent, config, repoRoot).Binary)!;
                checks.Add(await ProviderLogin.CheckAsync(provider, binary, ct).ConfigureAwait(false));
            }
            if (probe) checks.Add(await ProviderProbe.RunAsync(agent, config, repoRoot, ct).ConfigureAwait(false));
        }
        return new DoctorReport(checks);
    }

    private static DoctorCheck Git()
    {
        var version = GitVersion.Installed();
        if (version is null) return DoctorCheck.Fail("git", "git was not found on PATH", "install git 2.38 or newer");
        var need = $"{GitVersion.Required.Major}.{GitVersion.Required.Minor}";
        return version.IsAtLeast(GitVersion.Required)
            ? DoctorCheck.Pass("git", $"git {version} (otto needs {need} or newer)")
            : DoctorCheck.Fail("git", $"git {version} is too old; otto needs {need} or newer for merge-tree --write-tree", $"install git {need} or newer");
    }

    private static DoctorCheck Setsid() => Executables.Find("setsid") is { } path
        ? DoctorCheck.Pass("setsid", $"{path} (agents run in their own process groups)")
        : DoctorCheck.Fail("setsid", "setsid was not found on PATH; otto needs it to run agents in their own process groups", "install util-linux (apt install util-linux, or your distribution's equivalent)");

    /// <summary>How agents are started as child subreapers (see Platform.Subreaper): the perl one-liner, or otto
    /// itself, which works as well but costs a .NET start per agent.</summary>
    private static DoctorCheck Launcher()
    {
        if (Platform.Subreaper.PerlLauncherInUse() is { } perl)
            return DoctorCheck.Pass("agent launcher", $"{perl[0]} (a perl one-liner makes each agent's wrapper a child subreaper, ~3 ms)");
        var why = Environment.GetEnvironmentVariable(Platform.Subreaper.LauncherVariable) == "otto"
            ? $"{Platform.Subreaper.LauncherVariable}=otto is set"
            : "no perl on PATH (or not x86-64/arm64 Linux)";
        return DoctorCheck.Warn("agent launcher", $"otto __subreaper ({why}): each agent start costs a start of otto (~70 ms)",
            "install perl (apt install perl-base, dnf install perl, apk add perl) for faster agent starts");
    }

    /// <summary>Whether bubblewrap really works here (tried with `true`): a must with `sandbox: bwrap`, news otherwise.</summary>
    private static DoctorCheck Sandbox(OttoConfig config)
    {
        var (works, detail) = Bubblewrap.Probe();
        if (config.Sandbox == "bwrap")
        {
            return works
                ? DoctorCheck.Pass("sandbox", $"sandbox: bwrap; {detail}")
                : DoctorCheck.Fail("sandbox", $"otto.yaml sets sandbox: bwrap, but {detail}",
                    "install bubblewrap (apt install bubblewrap) where user namespaces are allowed, or set sandbox: none");
        }
        return DoctorCheck.Pass("sandbox", works
            ? $"sandbox: none; {detail}, so sandbox: bwrap is available"
            : $"sandbox: none (sandbox: bwrap is not available: {detail})");
    }

    private (OttoConfig Config, string RepoRoot, IReadOnlyList<DoctorCheck> Checks) Config()
    {
        var repo = GitRepo.Discover(directory);
        if (repo is null)
            return (new OttoConfig(), directory, [DoctorCheck.Warn("otto.yaml", $"{directory} is not inside a git repository; checked otto's defaults",
                "run `otto doctor` from your project's checkout to check its otto.yaml", isEnvironment: false)]);
        var path = Path.Combine(repo.Root, ConfigLoader.FileName);
        if (!File.Exists(path))
            return (new OttoConfig(), repo.Root, [DoctorCheck.Warn("otto.yaml", $"{repo.Root} has no otto.yaml; otto's defaults apply (agent: claude, no verify commands)",
                "run `otto init` to write one with your project's verify command", isEnvironment: false)]);
        try
        {
            var config = ConfigLoader.Parse(File.ReadAllText(path), ConfigLoader.FileName);
            var check = config.Verify.Commands.Count == 0
                ? DoctorCheck.Fail("otto.yaml", "otto.yaml is valid, but verify.commands is empty and otto verifies every task with them",
                    "add your project's test command under verify.commands (`otto init` detects it)", isEnvironment: false)
                : DoctorCheck.Pass("otto.yaml", $"{path} is valid ({config.Verify.Commands.Count} verify command(s))");
            return (config, repo.Root, [check]);
        }
        catch (OttoException e)
        {
            return (new OttoConfig(), repo.Root, [DoctorCheck.Fail("otto.yaml", e.Message, "fix otto.yaml at the place named, then run `otto doctor` again", isEnvironment: false)]);
        }
    }

    /// <summary>Each distinct agent the roles use (a provider with its model), in role order.</summary>
    private static IEnumerable<AgentConfig> ConfiguredAgents(OttoConfig config) =>
        AgentSelection.Roles.Select(role => AgentSelection.For(config, role)).DistinctBy(a => (a.Provider, a.Model, a.Command is null ? "" : string.Join(' ', a.Command)));

    private static async Task<DoctorCheck> ProviderAsync(AgentConfig agent, OttoConfig config, string repoRoot, CancellationToken ct)
    {
        var provider = agent.Provider ?? AgentConfig.DefaultProvider;
        switch (provider)
        {
            case "scripted":
                return DoctorCheck.Pass("scripted", "the built-in scripted agent needs nothing installed");
            case "command":
                var program = agent.Command is { Count: > 0 } command ? command[0] : "";
                var found = Executables.Find(ProgramPath.Resolve(program, repoRoot));
                return found is not null
                    ? DoctorCheck.Pass("command", $"{program} found at {found}")
                    : DoctorCheck.Fail("command", program.Contains('/', StringComparison.Ordinal)
                        ? $"the agent command `{program}` was not found at {ProgramPath.Resolve(program, repoRoot)} (relative to the repository root)"
                        : $"the agent command `{program}` was not found on PATH", "install it, or fix agent.command in otto.yaml");
        }
        var settings = CliAgentSettings.For(provider, agent, config, repoRoot);
        var name = ProviderHelp.CheckName(provider, settings.Model);
        if (CliOutput.Locate(settings.Binary) is not { } path)
        {
            var configured = CliAgentSettings.Of(config, provider).Binary is null ? "" : $" (providers.{provider}.binary)";
            return DoctorCheck.Fail(name, $"`{settings.Binary}`{configured} was not found on PATH", $"{ProviderHelp.InstallHint(provider)}, or set providers.{provider}.binary in otto.yaml");
        }
        var version = await CliOutput.VersionAsync(path, ct).ConfigureAwait(false);
        var where = $"{path} ({ProviderHelp.VersionNote(provider, version)})";
        CliOutput.Result help;
        try
        {
            help = await CliOutput.RunAsync(path, ProviderHelp.HelpArguments(provider), HelpTimeout, ct).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return DoctorCheck.Fail(name, $"{path} could not be started: {e.Message}", $"check that {path} is executable; {ProviderHelp.InstallHint(provider)}");
        }
        if (help.TimedOut)
            return DoctorCheck.Fail(name, $"{where}, but `{string.Join(' ', [provider, .. ProviderHelp.HelpArguments(provider)])}` did not finish within {HelpTimeout.TotalSeconds:0}s", ProviderHelp.InstallHint(provider));
        return ProviderHelp.Judge(settings, where, help.Text);
    }
}
