using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Otto.Tests.EndToEnd;

/// <summary>
/// issue 9 #16: what travels with otto (otto.yaml.example, the schemas, the docs) is beside the
/// executable and the messages name those paths; the version is computed from git, so every commit
/// makes a newer package. (The ReadyToRun tool packages themselves are packed, installed and timed by
/// scripts/pack.sh and bench/run.sh: a ReadyToRun pack takes minutes.)
/// </summary>
public sealed partial class PackagingTests
{
    [Fact]
    public async Task The_files_messages_point_to_are_shipped_beside_otto()
    {
        using var repo = new TempRepo();
        repo.Write("test.sh", "exit 0\n").Commit("a project");

        var init = await OttoProcess.RunAsync(repo.Root, "init");
        var help = await OttoProcess.RunAsync(repo.Root, "--help");

        var named = Mentioned().Matches(init.Stderr + help.Stdout).Select(m => m.Value.TrimEnd('.', ')')).Distinct().ToList();
        Assert.Contains(named, p => p.EndsWith("/otto.yaml.example", StringComparison.Ordinal));
        Assert.Contains(named, p => p.EndsWith("/schemas/otto.schema.json", StringComparison.Ordinal));
        Assert.Contains(named, p => p.EndsWith("/docs/cli.md", StringComparison.Ordinal));
        Assert.All(named, p => Assert.True(File.Exists(p), $"{p} is named but does not exist"));
        var home = Path.GetDirectoryName(OttoProcess.OttoDll)!;
        foreach (var doc in new[] { "cli.md", "providers.md", "agent-contract.md", "run-folder.md", "architecture.md" })
            Assert.True(File.Exists(Path.Combine(home, "docs", doc)), doc);
        Assert.True(File.Exists(Path.Combine(home, "schemas", "final.schema.json")));
    }

    [Fact]
    public async Task The_version_is_the_commit_count_and_the_commit_so_each_commit_makes_a_newer_package()
    {
        // Directory.Build.props and .targets of this checkout, on a project in a repository of its own.
        using var repo = new TempRepo();
        var source = FindCheckout();
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "global.json" })
            File.Copy(Path.Combine(source, file), repo.Path(file));
        repo.Write("v/v.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup></Project>\n");
        repo.Commit("a project");
        var first = await Versions(repo);
        repo.Write("v/notes.txt", "a second commit\n").Commit("more");

        var second = await Versions(repo);

        var commits = repo.Git("rev-list", "--count", "HEAD").Trim();
        var sha = repo.Git("rev-parse", "--short=8", "HEAD").Trim();
        Assert.Equal($"0.1.{commits}+{sha}", second.Informational);
        Assert.Equal($"0.1.{commits}", second.Package);
        Assert.True(Version.Parse(second.Package) > Version.Parse(first.Package), $"{second.Package} after {first.Package}");
    }

    /// <summary>What the build would stamp: the version target alone, without compiling anything.</summary>
    private static async Task<(string Informational, string Package)> Versions(TempRepo repo)
    {
        var output = await Run(repo.Root, "dotnet", "msbuild", "v/v.csproj", "-nologo", "-t:OttoVersionFromGit",
            "-getProperty:InformationalVersion", "-getProperty:PackageVersion");
        var properties = System.Text.Json.Nodes.JsonNode.Parse(output)!["Properties"]!;
        return ((string)properties["InformationalVersion"]!, (string)properties["PackageVersion"]!);
    }

    private static string FindCheckout()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "GitOtto.sln"))) return dir;
        }
        throw new InvalidOperationException($"no GitOtto.sln above {AppContext.BaseDirectory}");
    }

    private static async Task<string> Run(string dir, string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await stdout}\n{await stderr}");
        return await stdout;
    }

    [GeneratedRegex(@"/[^\s`'""]+\.(md|json|example)")]
    private static partial Regex Mentioned();
}
