using System.Text.Json;
using System.Text.Json.Nodes;

namespace Otto.Projects;

/// <summary>
/// Guesses how to install and test a repository from the files at its root, for `otto init`. The first
/// ecosystem with a test command wins, in this order: npm/pnpm/yarn (a `test` script), .NET, Cargo, Go,
/// Python (uv, Poetry, else pip in a .venv), Maven, Gradle, make (`test:`), `test.sh`. Lockfiles choose
/// the reproducible install (`npm ci`, `--frozen-lockfile`, `uv sync --frozen`). Reads files only.
/// </summary>
public static class ProjectDetector
{
    /// <summary>The virtual environment, what `pip install -e .` and the tests leave behind.</summary>
    private static readonly string[] PythonOutputs = ["/.venv/", "*.egg-info/", "__pycache__/", ".pytest_cache/"];

    private static readonly string[] RequirementFiles =
        ["requirements.txt", "requirements-dev.txt", "dev-requirements.txt", "requirements-test.txt", "test-requirements.txt"];

    public static DetectedProject? Detect(string root)
    {
        var files = new RootFiles(root);
        return Node(files) ?? Dotnet(files) ?? Cargo(files) ?? Go(files) ?? Python(files) ?? Maven(files) ?? Gradle(files) ?? Make(files) ?? Script(files);
    }

    private static DetectedProject? Node(RootFiles files)
    {
        var package = files.Json("package.json");
        var test = (string?)package?["scripts"]?["test"];
        if (test is null || test.Contains("no test specified", StringComparison.Ordinal)) return null;
        var manager = (string?)package?["packageManager"] ?? "";
        if (files.Has("pnpm-lock.yaml") || manager.StartsWith("pnpm@", StringComparison.Ordinal))
            return new("pnpm", [files.Has("pnpm-lock.yaml") ? "pnpm install --frozen-lockfile" : "pnpm install --no-lockfile"], "pnpm test", ["/node_modules/"]);
        if (files.Has("yarn.lock") || manager.StartsWith("yarn@", StringComparison.Ordinal))
        {
            // Yarn 2+ (berry) spells the frozen install --immutable; classic Yarn 1 --frozen-lockfile.
            var berry = files.Has(".yarnrc.yml") || (manager.StartsWith("yarn@", StringComparison.Ordinal) && !manager.StartsWith("yarn@1.", StringComparison.Ordinal));
            var install = files.Has("yarn.lock") ? (berry ? "yarn install --immutable" : "yarn install --frozen-lockfile") : (berry ? "yarn install" : "yarn install --no-lockfile");
            return new("yarn", [install], "yarn test", ["/node_modules/"]);
        }
        var locked = files.Has("package-lock.json") || files.Has("npm-shrinkwrap.json");
        // Without a lockfile, an install must not write one: it would land in the agent's commit.
        return new("npm", [locked ? "npm ci" : "npm install --no-package-lock"], "npm test", ["/node_modules/"]);
    }

    private static DetectedProject? Dotnet(RootFiles files) =>
        files.Any("*.sln") || files.Any("*.slnx") || files.Any("*.csproj") || files.Any("*.fsproj")
            ? new("dotnet", ["dotnet restore"], "dotnet test", [])
            : null;

    private static DetectedProject? Cargo(RootFiles files) =>
        files.Has("Cargo.toml") ? new("cargo", ["cargo fetch"], "cargo test", []) : null;

    private static DetectedProject? Go(RootFiles files) =>
        files.Has("go.mod") ? new("go", ["go mod download"], "go test ./...", []) : null;

    private static DetectedProject? Python(RootFiles files)
    {
        var requirements = RequirementFiles.Where(files.Has).ToList();
        var pyproject = files.Text("pyproject.toml");
        if (pyproject is null && requirements.Count == 0 && !files.Has("setup.py") && !files.Has("pytest.ini") && !files.Has("tox.ini")) return null;
        if (files.Has("uv.lock"))
            return new("python (uv)", ["uv sync --frozen"], "uv run pytest", PythonOutputs);
        if (files.Has("poetry.lock") || pyproject?.Contains("[tool.poetry]", StringComparison.Ordinal) == true)
            return new("python (poetry)", ["poetry install --no-interaction"], "poetry run pytest", PythonOutputs);
        // pip into a virtual environment of the worktree's own, never the user's Python.
        var setup = new List<string> { "python3 -m venv .venv" };
        setup.AddRange(requirements.Select(r => $".venv/bin/python -m pip install -q -r {r}"));
        if (pyproject is not null || files.Has("setup.py")) setup.Add(".venv/bin/python -m pip install -q -e .");
        var mentionsPytest = requirements.Append("pyproject.toml").Append("setup.py").Append("setup.cfg")
            .Any(f => files.Text(f)?.Contains("pytest", StringComparison.OrdinalIgnoreCase) == true);
        if (!mentionsPytest) setup.Add(".venv/bin/python -m pip install -q pytest");
        return new("python (pip)", setup, ".venv/bin/python -m pytest", PythonOutputs);
    }

    private static DetectedProject? Maven(RootFiles files)
    {
        if (!files.Has("pom.xml")) return null;
        var mvn = files.Has("mvnw") ? "./mvnw" : "mvn";
        return new("maven", [$"{mvn} -B -q dependency:go-offline"], $"{mvn} -B -q test", []);
    }

    private static DetectedProject? Gradle(RootFiles files)
    {
        if (!files.Has("build.gradle") && !files.Has("build.gradle.kts")) return null;
        // --no-daemon: a daemon would outlive the attempt that started it.
        var gradle = files.Has("gradlew") ? "./gradlew" : "gradle";
        return new("gradle", [$"{gradle} --no-daemon -q testClasses"], $"{gradle} --no-daemon test", []);
    }

    private static DetectedProject? Make(RootFiles files) =>
        files.Text("Makefile") is { } makefile && (makefile.StartsWith("test:", StringComparison.Ordinal) || makefile.Contains("\ntest:", StringComparison.Ordinal))
            ? new("make", [], "make test", [])
            : null;

    private static DetectedProject? Script(RootFiles files) =>
        files.Has("test.sh") ? new("shell", [], "sh ./test.sh", []) : null;

    /// <summary>The files at the root of the repository, read on demand.</summary>
    private sealed class RootFiles(string root)
    {
        public bool Has(string name) => File.Exists(Path.Combine(root, name));

        public bool Any(string pattern) => Directory.EnumerateFiles(root, pattern, SearchOption.TopDirectoryOnly).Any();

        public string? Text(string name) => Has(name) ? File.ReadAllText(Path.Combine(root, name)) : null;

        public JsonNode? Json(string name)
        {
            try
            {
                return Text(name) is { } text ? JsonNode.Parse(text) : null;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
