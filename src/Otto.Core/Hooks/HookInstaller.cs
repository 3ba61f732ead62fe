using System.Security.Cryptography;
using Otto.Git;
using Otto.Platform;

namespace Otto.Hooks;

/// <summary>
/// `otto hooks install | uninstall`: puts otto's shims where git looks for hooks, beside what is there.
/// Without core.hooksPath the shims go in the common `hooks` folder and each original hook is renamed
/// NAME.otto-chained in that same folder (so a hook that finds files next to itself still does). With
/// core.hooksPath (husky, a team's hooks folder) no hook file is touched: otto's folder becomes
/// core.hooksPath and chains to the previous one. Uninstall puts every file and the config back.
/// </summary>
public sealed class HookInstaller(GitRepo repo)
{
    public const string ChainedSuffix = ".otto-chained";
    private const string ConfigCopy = "config.before";

    private readonly string _common = repo.CommonDir;

    /// <summary>otto's own folder in the common git folder: the manifest, and in hooks-path mode the shims.</summary>
    public string OttoDir => Path.Combine(_common, "otto-hooks");

    public HookManifest? Manifest => HookManifest.Read(OttoDir);

    /// <summary>Installs (again, after putting back an earlier install); returns what it did, one line each.</summary>
    public IReadOnlyList<string> Install(IReadOnlyList<string> ottoCommand)
    {
        var notes = new List<string>();
        if (Manifest is not null) notes.AddRange(Uninstall());
        var hooksPath = ConfigValue("--get", "core.hooksPath");
        var manifest = hooksPath is null ? InstallInHooksDir(ottoCommand) : InstallOnHooksPath(ottoCommand, hooksPath);
        manifest.Write(OttoDir);
        foreach (var hook in manifest.Hooks.Where(h => h.Guarded))
            notes.Add($"{hook.Name}: installed in {manifest.HooksDir}" + (hook.Chained is null ? "" : $", chains to {Describe(manifest, hook)}"));
        if (manifest.Mode == HookMode.HooksPath)
            notes.Add($"core.hooksPath: {hooksPath} -> {manifest.HooksDir} ({manifest.Hooks.Count(h => !h.Guarded)} other hooks pass through to {hooksPath})");
        return notes;
    }

    private HookManifest InstallInHooksDir(IReadOnlyList<string> otto)
    {
        var dir = Path.Combine(_common, "hooks");
        var created = !Directory.Exists(dir);
        Directory.CreateDirectory(dir);
        var hooks = new List<InstalledHook>();
        foreach (var name in GitHookNames.Guarded)
        {
            var path = Path.Combine(dir, name);
            var moved = false;
            if (Present(path) && !HookShim.IsShim(path))
            {
                if (Present(path + ChainedSuffix))
                    throw new OttoException($"{path + ChainedSuffix} already exists (left by an earlier install?); move it away, then run `otto hooks install` again");
                File.Move(path, path + ChainedSuffix); // a rename: bytes, mode and times stay as they are
                moved = true;
            }
            WriteShim(path, HookShim.Render(name, $"\"${{0%/*}}/{name}{ChainedSuffix}\"", otto));
            hooks.Add(new InstalledHook(name, moved ? name + ChainedSuffix : null, moved, Guarded: true));
        }
        return new HookManifest(HookMode.HooksDir, dir, created, otto, Now(), null, hooks);
    }

    private HookManifest InstallOnHooksPath(IReadOnlyList<string> otto, string previous)
    {
        var expanded = ConfigValue("--type=path", "--get", "core.hooksPath") ?? previous;
        if (Path.IsPathRooted(expanded) && Path.GetFullPath(expanded).TrimEnd('/') == OttoDir)
            throw new OttoException($"core.hooksPath already points to otto's folder {OttoDir} but its manifest is missing; run `git config --unset core.hooksPath`, then `otto hooks install`");
        var hadLocal = ConfigValue("--local", "--get", "core.hooksPath") is { } local;
        var previousLocal = hadLocal ? ConfigValue("--local", "--get", "core.hooksPath") : null;
        // Relative hooks paths are relative to the worktree a hook runs in, as git reads them; listing the
        // repository's own hooks uses its main checkout.
        var listed = Path.IsPathRooted(expanded) ? expanded : Path.Combine(repo.Root, expanded);
        var present = Directory.Exists(listed)
            ? Directory.EnumerateFileSystemEntries(listed).Select(Path.GetFileName).OfType<string>().Where(GitHookNames.IsHookName)
            : [];
        var names = GitHookNames.Guarded.Concat(GitHookNames.PassThrough).Concat(present).Distinct(StringComparer.Ordinal).ToList();
        Directory.CreateDirectory(OttoDir);
        var hooks = new List<InstalledHook>();
        foreach (var name in names)
        {
            var chained = expanded.TrimEnd('/') + "/" + name;
            var guarded = GitHookNames.Guarded.Contains(name);
            WriteShim(Path.Combine(OttoDir, name), HookShim.Render(name, OttoCommand.Quote(chained), guarded ? otto : null));
            hooks.Add(new InstalledHook(name, chained, false, guarded));
        }
        var config = Path.Combine(_common, "config");
        File.Copy(config, Path.Combine(OttoDir, ConfigCopy), overwrite: true);
        repo.Git("config", "--local", "core.hooksPath", OttoDir).EnsureOk();
        var setting = new HooksPathSetting(previous, hadLocal, previousLocal, Sha256(config));
        return new HookManifest(HookMode.HooksPath, OttoDir, false, otto, Now(), setting, hooks);
    }

    /// <summary>Puts back what install changed; returns what it did (and what it had to leave), one line each.</summary>
    public IReadOnlyList<string> Uninstall()
    {
        var manifest = Manifest;
        if (manifest is null) return ["otto's hooks are not installed here; nothing to do"];
        var notes = manifest.Mode == HookMode.HooksDir ? RestoreHooksDir(manifest) : RestoreHooksPath(manifest);
        var keep = notes.Any(n => n.StartsWith("kept", StringComparison.Ordinal));
        if (manifest.Mode == HookMode.HooksPath || !keep) Directory.Delete(OttoDir, recursive: true);
        return notes;
    }

    private static List<string> RestoreHooksDir(HookManifest manifest)
    {
        var notes = new List<string>();
        foreach (var hook in manifest.Hooks)
        {
            var path = Path.Combine(manifest.HooksDir, hook.Name);
            var ours = HookShim.IsShim(path);
            if (ours) File.Delete(path);
            else if (Present(path)) notes.Add($"left {path}: it was replaced after install (by another tool?) and is not otto's");
            if (!hook.MovedOriginal)
            {
                if (ours) notes.Add($"{hook.Name}: removed otto's hook");
                continue;
            }
            var original = path + ChainedSuffix;
            if (!Present(original)) notes.Add($"could not put back {path}: {original} is gone");
            else if (Present(path)) notes.Add($"kept {original}: {path} is not otto's any more, so the original was not moved back over it");
            else
            {
                File.Move(original, path);
                notes.Add($"{hook.Name}: put back {path}");
            }
        }
        if (manifest.CreatedHooksDir && Directory.Exists(manifest.HooksDir) && !Directory.EnumerateFileSystemEntries(manifest.HooksDir).Any())
            Directory.Delete(manifest.HooksDir);
        return notes;
    }

    private List<string> RestoreHooksPath(HookManifest manifest)
    {
        var setting = manifest.HooksPath!;
        var current = ConfigValue("--local", "--get", "core.hooksPath");
        if (current is null || Path.GetFullPath(current).TrimEnd('/') != OttoDir)
            return [$"left core.hooksPath as it is ({current ?? "unset"}): it was changed after install"];
        var config = Path.Combine(_common, "config");
        var copy = Path.Combine(OttoDir, ConfigCopy);
        if (Sha256(config) == setting.ConfigAfterSha256 && File.Exists(copy))
            File.Copy(copy, config, overwrite: true); // nothing else changed since: the very bytes of before
        else if (setting.HadLocal)
            repo.Git("config", "--local", "core.hooksPath", setting.PreviousLocal!).EnsureOk();
        else
            repo.Git("config", "--local", "--unset", "core.hooksPath").EnsureOk();
        return [$"core.hooksPath: back to {setting.Previous}" + (setting.HadLocal ? "" : " (from your global or system config)")];
    }

    /// <summary>What is installed, whether git runs it, and what each hook chains to, one line each.</summary>
    public IReadOnlyList<string> Status()
    {
        var manifest = Manifest;
        var effective = Path.GetFullPath(Path.Combine(repo.Root, repo.Git("rev-parse", "--git-path", "hooks").EnsureOk().Line)).TrimEnd('/');
        if (manifest is null)
        {
            var strays = GitHookNames.Guarded.Where(n => HookShim.IsShim(Path.Combine(effective, n))).ToList();
            return strays.Count == 0
                ? [$"otto's hooks are not installed (git runs hooks from {effective}); `otto hooks install` installs them"]
                : [$"otto's hooks are not installed, but {effective} holds otto hooks without a manifest ({string.Join(", ", strays)}); run `otto hooks install` again"];
        }
        var lines = new List<string>
        {
            $"installed {manifest.InstalledAt} in {manifest.HooksDir} ({(manifest.Mode == HookMode.HooksPath ? "core.hooksPath mode" : "hooks folder mode")})",
            $"otto command: {OttoCommand.ShellLine(manifest.OttoCommand)}" + (File.Exists(manifest.OttoCommand.FirstOrDefault()) ? "" : " (MISSING: run `otto hooks install` again)"),
        };
        if (effective != manifest.HooksDir.TrimEnd('/'))
            lines.Add($"NOT ACTIVE: git runs hooks from {effective} now (core.hooksPath changed after install); run `otto hooks install` again");
        foreach (var hook in manifest.Hooks.Where(h => h.Guarded))
        {
            var path = Path.Combine(manifest.HooksDir, hook.Name);
            var state = HookShim.IsShim(path) ? "otto's" : Present(path) ? "REPLACED by another file since install" : "MISSING";
            lines.Add($"{hook.Name}: {state}, chains to {Describe(manifest, hook)}");
        }
        if (manifest.Mode == HookMode.HooksPath)
            lines.Add($"{manifest.Hooks.Count(h => !h.Guarded)} other hooks pass through to {manifest.HooksPath!.Previous}");
        return lines;
    }

    /// <summary>"X (a file)", "X (missing: nothing runs)" ...: what a hook chains to, for people.</summary>
    public string Describe(HookManifest manifest, InstalledHook hook)
    {
        if (hook.Chained is null) return "nothing (there was no hook)";
        var path = Path.IsPathRooted(hook.Chained) ? hook.Chained : Path.Combine(manifest.Mode == HookMode.HooksDir ? manifest.HooksDir : repo.Root, hook.Chained);
        var state = !Present(path) ? "missing here: nothing runs" : FileModes.IsExecutable(path) ? "runs after otto's check" : "not executable: git would not run it either";
        return $"{hook.Chained} ({state})";
    }

    private static bool Present(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    private static void WriteShim(string path, string text)
    {
        File.WriteAllText(path, text);
        FileModes.MakeExecutable(path);
    }

    private string? ConfigValue(params string[] arguments)
    {
        var result = repo.Git(["config", .. arguments]);
        return result.Ok && result.Line.Length > 0 ? result.Line : null;
    }

    private static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
