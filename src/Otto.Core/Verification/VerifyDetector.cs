using System.Text.Json.Nodes;

namespace Otto.Verification;

/// <summary>Guesses a repository's test command from the files it has, for `otto init`.</summary>
public static class VerifyDetector
{
    public static string? Detect(string repoRoot)
    {
        bool Has(string name) => File.Exists(Path.Combine(repoRoot, name));
        bool Any(string pattern) => Directory.EnumerateFiles(repoRoot, pattern, SearchOption.TopDirectoryOnly).Any();
        if (Has("package.json") && NpmHasTest(Path.Combine(repoRoot, "package.json"))) return "npm test";
        if (Any("*.sln") || Any("*.slnx") || Any("*.csproj")) return "dotnet test";
        if (Has("Cargo.toml")) return "cargo test";
        if (Has("go.mod")) return "go test ./...";
        if (Has("pyproject.toml") || Has("pytest.ini") || Has("setup.py") || Has("tox.ini")) return "python3 -m pytest";
        if (Has("pom.xml")) return "mvn -q test";
        if (Has("build.gradle") || Has("build.gradle.kts")) return Has("gradlew") ? "./gradlew test" : "gradle test";
        if (Has("Makefile") && File.ReadAllText(Path.Combine(repoRoot, "Makefile")).Contains("\ntest:", StringComparison.Ordinal)) return "make test";
        if (Has("test.sh")) return "sh ./test.sh";
        return null;
    }

    private static bool NpmHasTest(string path)
    {
        try
        {
            var test = (string?)JsonNode.Parse(File.ReadAllText(path))?["scripts"]?["test"];
            return test is not null && !test.Contains("no test specified", StringComparison.Ordinal);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
