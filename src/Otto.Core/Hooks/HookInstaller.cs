using System.Security.Cryptography;
using Otto.Git;
using Otto.Platform;

namespace Otto.Hooks;

/// <summary>
/// `otto hooks install | uninstall`. By default otto's shims live in their own folder and only otto's task
/// worktrees use it (core.hooksPath in each one's config.worktree): the user's checkout keeps running
/// exactly its own hooks, at no cost. With `--shared` they go where git looks for hooks in every
/// checkout (the common `hooks` folder, originals renamed NAME.otto-chained beside them; or, when
/// core.hooksPath is set, otto's folder becomes core.hooksPath), and there only chain outside task
/// worktrees. Either way each shim chains to the repository's own hook; uninstall puts every file and
/// config byte back.
/// </summary>
public sealed class HookInstaller(GitRepo repo)
{
    public const string ChainedSuffix = ".otto-chained";
    private const string ConfigCopy = "config.before";

    private readonly string _common = repo.CommonDir;

    /// <summary>otto's own folder in the common git folder: the manifest, and the shims (but in hooks-dir mode).</summary>
    public string OttoDir => Path.Combine(_common, "otto-hooks");

    public HookManifest? Manifest => HookManifest.Read(OttoDir);

    public GitRepo Repo => repo;

    /// <summary>Installs (again, after putting back an earlier install); returns what it did, one line each.</summary>
    public IReadOnlyList<string> Install(IReadOnlyList<string> ottoCommand, bool shared = false)
    {
        var notes = new List<string>();
        if (Manifest is not null) notes.AddRange(Uninstall());
        var hooksPath = ConfigValue("--get", "core.hooksPath");
        var manifest = !shared ? InstallForTaskWorktrees(ottoCommand, hooksPath)
            : hooksPath is null ? InstallInHooksDir(ottoCommand)
            : InstallOnHooksPath(ottoCommand, hooksPath);
        manifest.Write(OttoDir);
        foreach (var hook in manifest.Hooks.Where(h => h.Guarded))
            notes.Add($"{hook.Name}: installed in {manifest.HooksDir}, chains to {HookStatus.Describe(this, manifest, hook)}");
        switch (manifest.Mode)
        {
            case HookMode.TaskWorktrees:
                var active = TaskHooks.TaskWorktreeRoots(repo).Count(root => TaskHooks.Activate(root, OttoDir));
                notes.Add($"used by otto's task worktrees only ({active} now; each new one as otto prepares it); this checkout's hooks are unchanged");
                break;
            case HookMode.HooksPath:
                notes.Add($"core.hooksPath: {hooksPath} -> {manifest.HooksDir} ({manifest.Hooks.Count(h => !h.Guarded)} other hooks pass through to {hooksPath})");
                break;
        }
        return notes;
    }

    private HookManifest InstallForTaskWorktrees(IReadOnlyList<string> otto, string? hooksPath)
    {
        var chainBase = hooksPath is null ? Path.Combine(_common, "hooks") : Expanded(hooksPath);
        var hooks = WriteShimFolder(otto, chainBase);
        var extension = ConfigValue("--get", "extensions.worktreeConfig");
        var change = extension == "true" ? null : SetConfig("extensions.worktreeConfig", "true", extension);
        return new HookManifest(HookMode.TaskWorktrees, OttoDir, false, otto, Now(), change, hooks);
    }

    private HookManifest InstallInHooksDir(IReadOnlyList<string> otto)
    {
        var dir = Path.Combine(_common, "hooks");
        var created = !Directory.Exists(dir);
        Directory.CreateDirectory(dir);
        Directory.CreateDirectory(OttoDir);
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
        var hooks = WriteShimFolder(otto, Expanded(previous));
        var change = SetConfig("core.hooksPath", OttoDir, previous);
        return new HookManifest(HookMode.HooksPath, OttoDir, false, otto, Now(), change, hooks);
    }

    /// <summary>core.hooksPath with `~` expanded; a relative one stays relative: git reads it from the
    /// worktree a hook runs in, and so do the shims.</summary>
    private string Expanded(string hooksPath)
    {
        var expanded = ConfigValue("--type=path", "--get", "core.hooksPath") ?? hooksPath;
        if (Path.IsPathRooted(expanded) && Path.GetFullPath(expanded).TrimEnd('/') == OttoDir)
            throw new OttoException($"core.hooksPath already points to otto's folder {OttoDir} but its manifest is missing; run `git config --unset core.hooksPath`, then `otto hooks install`");
        return expanded;
    }

    /// <summary>Shims in otto's folder for otto's hooks and, passing through, every other hook the chained
    /// folder has or may get (hooks a tool adds there later must still run where otto's folder is used).</summary>
    private List<InstalledHook> WriteShimFolder(IReadOnlyList<string> otto, string chainBase)
    {
        var listed = Path.IsPathRooted(chainBase) ? chainBase : Path.Combine(repo.Root, chainBase);
        var present = Directory.Exists(listed)
            ? Directory.EnumerateFileSystemEntries(listed).Select(Path.GetFileName).OfType<string>().Where(GitHookNames.IsHookName)
            : [];
        Directory.CreateDirectory(OttoDir);
        var hooks = new List<InstalledHook>();
        foreach (var name in GitHookNames.Guarded.Concat(GitHookNames.PassThrough).Concat(present).Distinct(StringComparer.Ordinal))
        {
            var chained = chainBase.TrimEnd('/') + "/" + name;
            var guarded = GitHookNames.Guarded.Contains(name);
            WriteShim(Path.Combine(OttoDir, name), HookShim.Render(name, OttoCommand.Quote(chained), guarded ? otto : null));
            hooks.Add(new InstalledHook(name, chained, false, guarded));
        }
        return hooks;
    }

    /// <summary>Sets one value in the repository's config, keeping the file's bytes from before.</summary>
    private ConfigChange SetConfig(string key, string value, string? previous)
    {
        var config = Path.Combine(_common, "config");
        File.Copy(config, Path.Combine(OttoDir, ConfigCopy), overwrite: true);
        var previousLocal = ConfigValue("--local", "--get", key);
        repo.Git("config", "--local", key, value).EnsureOk();
        return new ConfigChange(key, previous, previousLocal is not null, previousLocal, Sha256(config));
    }

    /// <summary>Puts back what install changed; returns what it did (and what it had to leave), one line each.</summary>
    public IReadOnlyList<string> Uninstall()
    {
        var manifest = Manifest;
        if (manifest is null) return ["otto's hooks are not installed here; nothing to do"];
        var notes = new List<string>();
        if (manifest.Mode == HookMode.TaskWorktrees)
        {
            var roots = TaskHooks.TaskWorktreeRoots(repo);
            foreach (var root in roots) TaskHooks.Deactivate(root);
            notes.Add($"removed otto's hooks from {roots.Count} task worktrees");
        }
        if (manifest.Mode == HookMode.HooksDir) notes.AddRange(RestoreHooksDir(manifest));
        else if (manifest.Config is { } change) notes.Add(RestoreConfig(change, manifest.Mode == HookMode.HooksPath ? OttoDir : "true"));
        if (!notes.Any(n => n.StartsWith("kept", StringComparison.Ordinal))) Directory.Delete(OttoDir, recursive: true);
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

    private string RestoreConfig(ConfigChange change, string installedValue)
    {
        var current = ConfigValue("--local", "--get", change.Key);
        if (current != installedValue) return $"left {change.Key} as it is ({current ?? "unset"}): it was changed after install";
        var config = Path.Combine(_common, "config");
        var copy = Path.Combine(OttoDir, ConfigCopy);
        if (Sha256(config) == change.ConfigAfterSha256 && File.Exists(copy))
            File.Copy(copy, config, overwrite: true); // nothing else changed since: the very bytes of before
        else if (change.HadLocal)
            repo.Git("config", "--local", change.Key, change.PreviousLocal!).EnsureOk();
        else
            repo.Git("config", "--local", "--unset", change.Key).EnsureOk();
        return $"{change.Key}: back to {change.Previous ?? "unset"}";
    }

    internal static bool Present(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    private static void WriteShim(string path, string text)
    {
        File.WriteAllText(path, text);
        FileModes.MakeExecutable(path);
    }

    internal string? ConfigValue(params string[] arguments)
    {
        var result = repo.Git(["config", .. arguments]);
        return result.Ok && result.Line.Length > 0 ? result.Line : null;
    }

    private static string Sha256(string file) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(file)));

    private static string Now() => DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
}
