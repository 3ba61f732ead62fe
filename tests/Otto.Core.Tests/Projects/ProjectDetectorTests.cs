using Otto.Projects;

namespace Otto.Tests.Projects;

/// <summary>issue 9 #10: the install step and test command of each ecosystem, detected from the files of
/// a real folder.</summary>
public sealed class ProjectDetectorTests
{
    private const string NpmTest = """{ "scripts": { "test": "node --test" } }""";

    public static TheoryData<string[], string, string[], string> Projects => new()
    {
        { ["package.json=" + NpmTest], "npm", ["npm install --no-package-lock"], "npm test" },
        { ["package.json=" + NpmTest, "package-lock.json={}"], "npm", ["npm ci"], "npm test" },
        { ["package.json=" + NpmTest, "npm-shrinkwrap.json={}"], "npm", ["npm ci"], "npm test" },
        { ["package.json=" + NpmTest, "pnpm-lock.yaml=lockfileVersion: '9.0'"], "pnpm", ["pnpm install --frozen-lockfile"], "pnpm test" },
        { ["package.json={ \"packageManager\": \"pnpm@9.1.0\", \"scripts\": { \"test\": \"vitest\" } }"], "pnpm", ["pnpm install --no-lockfile"], "pnpm test" },
        { ["package.json={ \"packageManager\": \"yarn@1.22.19\", \"scripts\": { \"test\": \"jest\" } }"], "yarn", ["yarn install --no-lockfile"], "yarn test" },
        { ["package.json=" + NpmTest, "yarn.lock=# yarn lockfile v1"], "yarn", ["yarn install --frozen-lockfile"], "yarn test" },
        { ["package.json=" + NpmTest, "yarn.lock=__metadata:", ".yarnrc.yml=nodeLinker: node-modules"], "yarn", ["yarn install --immutable"], "yarn test" },
        { ["App.sln=", "src/App/App.csproj=<Project />"], "dotnet", ["dotnet restore"], "dotnet test" },
        { ["App.csproj=<Project />"], "dotnet", ["dotnet restore"], "dotnet test" },
        { ["Cargo.toml=[package]\nname = \"x\""], "cargo", ["cargo fetch"], "cargo test" },
        { ["go.mod=module example.com/x"], "go", ["go mod download"], "go test ./..." },
        { ["pyproject.toml=[project]\nname = \"x\"", "uv.lock=version = 1"], "python (uv)", ["uv sync --frozen"], "uv run pytest" },
        { ["pyproject.toml=[tool.poetry]\nname = \"x\"", "poetry.lock="], "python (poetry)", ["poetry install --no-interaction"], "poetry run pytest" },
        {
            ["requirements.txt=requests\n", "requirements-dev.txt=pytest\n"], "python (pip)",
            ["python3 -m venv .venv", ".venv/bin/python -m pip install -q -r requirements.txt", ".venv/bin/python -m pip install -q -r requirements-dev.txt"],
            ".venv/bin/python -m pytest"
        },
        {
            ["pyproject.toml=[project]\nname = \"x\""], "python (pip)",
            ["python3 -m venv .venv", ".venv/bin/python -m pip install -q -e .", ".venv/bin/python -m pip install -q pytest"],
            ".venv/bin/python -m pytest"
        },
        { ["pom.xml=<project />"], "maven", ["mvn -B -q dependency:go-offline"], "mvn -B -q test" },
        { ["pom.xml=<project />", "mvnw=#!/bin/sh"], "maven", ["./mvnw -B -q dependency:go-offline"], "./mvnw -B -q test" },
        { ["build.gradle.kts=plugins {}", "gradlew=#!/bin/sh"], "gradle", ["./gradlew --no-daemon -q testClasses"], "./gradlew --no-daemon test" },
        { ["build.gradle=apply plugin: 'java'"], "gradle", ["gradle --no-daemon -q testClasses"], "gradle --no-daemon test" },
        { ["Makefile=build:\n\tcc x.c\ntest:\n\t./run-tests\n"], "make", [], "make test" },
        { ["test.sh=exit 0"], "shell", [], "sh ./test.sh" },
        // package.json without a real test script: the next ecosystem decides.
        { ["package.json={ \"scripts\": { \"test\": \"echo \\\"Error: no test specified\\\" && exit 1\" } }", "go.mod=module x"], "go", ["go mod download"], "go test ./..." },
    };

    [Theory]
    [MemberData(nameof(Projects))]
    public void Detects_the_install_step_and_the_test_command(string[] files, string ecosystem, string[] setup, string verify)
    {
        using var dir = new TempDir();
        foreach (var file in files)
        {
            var (name, content) = (file[..file.IndexOf('=')], file[(file.IndexOf('=') + 1)..]);
            dir.Write(name, content);
        }

        var detected = ProjectDetector.Detect(dir.Path);

        Assert.NotNull(detected);
        Assert.Equal(ecosystem, detected.Ecosystem);
        Assert.Equal(setup, detected.Setup);
        Assert.Equal(verify, detected.Verify);
    }

    [Fact]
    public void What_installs_and_tests_write_into_the_worktree_is_named_as_gitignore_patterns()
    {
        using var node = new TempDir();
        node.Write("package.json", NpmTest);
        using var python = new TempDir();
        python.Write("requirements.txt", "pytest\n");
        Assert.Equal(["/node_modules/"], ProjectDetector.Detect(node.Path)!.Outputs);
        Assert.Equal(["/.venv/", "*.egg-info/", "__pycache__/", ".pytest_cache/"], ProjectDetector.Detect(python.Path)!.Outputs);
    }

    [Fact]
    public void Nothing_recognizable_is_null()
    {
        using var dir = new TempDir();
        dir.Write("README.md", "# just words\n");
        dir.Write("Makefile", "build:\n\tcc x.c\n");
        Assert.Null(ProjectDetector.Detect(dir.Path));
    }
}
