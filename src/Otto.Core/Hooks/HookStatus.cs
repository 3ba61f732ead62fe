namespace Otto.Hooks;

/// <summary>`otto hooks status`: what is installed, whether git runs it, and what each hook chains to.</summary>
public static class HookStatus
{
    public static IReadOnlyList<string> Lines(HookInstaller installer)
    {
        var repo = installer.Repo;
        var manifest = installer.Manifest;
        var effective = Path.GetFullPath(Path.Combine(repo.Root, repo.Git("rev-parse", "--git-path", "hooks").EnsureOk().Line)).TrimEnd('/');
        if (manifest is null)
        {
            var strays = GitHookNames.Guarded.Where(n => HookShim.IsShim(Path.Combine(effective, n))).ToList();
            return strays.Count == 0
                ? [$"otto's hooks are not installed (git runs hooks from {effective}); `otto hooks install` installs them"]
                : [$"otto's hooks are not installed, but {effective} holds otto hooks without a manifest ({string.Join(", ", strays)}); run `otto hooks install` again"];
        }
        var mode = manifest.Mode switch
        {
            HookMode.TaskWorktrees => "for otto's task worktrees only",
            HookMode.HooksPath => "shared, as core.hooksPath",
            _ => "shared, in the hooks folder",
        };
        var lines = new List<string>
        {
            $"installed {manifest.InstalledAt} in {manifest.HooksDir} ({mode})",
            $"otto command: {OttoCommand.ShellLine(manifest.OttoCommand)}" + (File.Exists(manifest.OttoCommand.FirstOrDefault()) ? "" : " (MISSING: run `otto hooks install` again)"),
        };
        if (manifest.Mode == HookMode.TaskWorktrees)
        {
            var roots = TaskHooks.TaskWorktreeRoots(repo);
            var inactive = roots.Where(r => !TaskHooks.IsActive(r, installer.OttoDir)).ToList();
            lines.Add($"task worktrees: {roots.Count - inactive.Count} of {roots.Count} use them" + (inactive.Count == 0 ? "" : $" (not: {string.Join(", ", inactive)}; `otto hooks install` again)"));
            lines.Add($"this checkout runs its own hooks from {effective}, untouched");
        }
        else if (effective != manifest.HooksDir.TrimEnd('/'))
            lines.Add($"NOT ACTIVE: git runs hooks from {effective} now (core.hooksPath changed after install); run `otto hooks install` again");
        foreach (var hook in manifest.Hooks.Where(h => h.Guarded))
        {
            var path = Path.Combine(manifest.HooksDir, hook.Name);
            var state = HookShim.IsShim(path) ? "otto's" : HookInstaller.Present(path) ? "REPLACED by another file since install" : "MISSING";
            lines.Add($"{hook.Name}: {state}, chains to {Describe(installer, manifest, hook)}");
        }
        if (manifest.Mode != HookMode.HooksDir)
            lines.Add($"{manifest.Hooks.Count(h => !h.Guarded)} other hooks pass through");
        return lines;
    }

    /// <summary>"X (runs after otto's check)", "X (missing here: nothing runs)" ...: what a hook chains to.</summary>
    public static string Describe(HookInstaller installer, HookManifest manifest, InstalledHook hook)
    {
        if (hook.Chained is null) return "nothing (there was no hook)";
        var path = Path.IsPathRooted(hook.Chained) ? hook.Chained
            : Path.Combine(manifest.Mode == HookMode.HooksDir ? manifest.HooksDir : installer.Repo.Root, hook.Chained);
        var state = !HookInstaller.Present(path) ? "missing here: nothing runs"
            : Platform.FileModes.IsExecutable(path) ? "runs after otto's check"
            : "not executable: git would not run it either";
        return $"{hook.Chained} ({state})";
    }
}
