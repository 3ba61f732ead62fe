using System.Text.Json;
using System.Text.Json.Nodes;

namespace Otto.Hooks;

/// <summary>
/// What `otto hooks install` changed, kept in the common git folder (`otto-hooks/otto-manifest.json`) so
/// that `uninstall` can put back exactly what was there and `status` can say what each hook chains to.
/// </summary>
public sealed record HookManifest(
    HookMode Mode,
    string HooksDir,
    bool CreatedHooksDir,
    IReadOnlyList<string> OttoCommand,
    string InstalledAt,
    ConfigChange? Config,
    IReadOnlyList<InstalledHook> Hooks)
{
    public const string FileName = "otto-manifest.json";

    private static readonly Dictionary<HookMode, string> ModeNames = new()
    {
        [HookMode.TaskWorktrees] = "task-worktrees", [HookMode.HooksDir] = "hooks-dir", [HookMode.HooksPath] = "hooks-path",
    };

    public static HookManifest? Read(string ottoDir)
    {
        var path = Path.Combine(ottoDir, FileName);
        if (!File.Exists(path)) return null;
        var json = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new OttoException($"{path} is not a JSON object; remove {ottoDir} by hand");
        var config = json["config"] is JsonObject c
            ? new ConfigChange((string?)c["key"] ?? "", (string?)c["previous"], (bool?)c["had_local"] ?? false, (string?)c["previous_local"], (string?)c["config_after_sha256"])
            : null;
        return new HookManifest(
            ModeNames.FirstOrDefault(m => m.Value == (string?)json["mode"]).Key,
            (string?)json["hooks_dir"] ?? "",
            (bool?)json["created_hooks_dir"] ?? false,
            (json["otto_command"] as JsonArray ?? []).Select(n => (string?)n ?? "").ToList(),
            (string?)json["installed_at"] ?? "",
            config,
            (json["hooks"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(o => new InstalledHook((string?)o["name"] ?? "", (string?)o["chained"], (bool?)o["moved_original"] ?? false, (bool?)o["guarded"] ?? true))
                .ToList());
    }

    public void Write(string ottoDir)
    {
        var json = new JsonObject
        {
            ["schema_version"] = 1,
            ["mode"] = ModeNames[Mode],
            ["hooks_dir"] = HooksDir,
            ["created_hooks_dir"] = CreatedHooksDir,
            ["otto_command"] = new JsonArray(OttoCommand.Select(w => (JsonNode?)w).ToArray()),
            ["installed_at"] = InstalledAt,
            ["config"] = Config is { } c
                ? new JsonObject { ["key"] = c.Key, ["previous"] = c.Previous, ["had_local"] = c.HadLocal, ["previous_local"] = c.PreviousLocal, ["config_after_sha256"] = c.ConfigAfterSha256 }
                : null,
            ["hooks"] = new JsonArray(Hooks.Select(x => (JsonNode?)new JsonObject
            {
                ["name"] = x.Name, ["chained"] = x.Chained, ["moved_original"] = x.MovedOriginal, ["guarded"] = x.Guarded,
            }).ToArray()),
        };
        Directory.CreateDirectory(ottoDir);
        File.WriteAllText(Path.Combine(ottoDir, FileName), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }
}

public enum HookMode
{
    /// <summary>The default: shims in otto's own folder, which only otto's task worktrees use (each gets
    /// core.hooksPath in its own config.worktree). The user's checkout runs exactly the hooks it ran before.</summary>
    TaskWorktrees,

    /// <summary>`--shared`, no core.hooksPath: shims in the common `hooks` folder, each original renamed
    /// NAME.otto-chained beside it; in the user's checkout the shim only chains.</summary>
    HooksDir,

    /// <summary>`--shared` with core.hooksPath (husky...): shims in otto's folder, core.hooksPath pointed at
    /// it, each chaining to the same name in the previous hooks path. No hook file is touched.</summary>
    HooksPath,
}

/// <summary>One config value otto set in the repository's config file.</summary>
/// <param name="Key">core.hooksPath or extensions.worktreeConfig.</param>
/// <param name="Previous">The effective value before install (any config scope), as configured.</param>
/// <param name="HadLocal">Whether the repository's own config set it.</param>
/// <param name="PreviousLocal">That local value.</param>
/// <param name="ConfigAfterSha256">The config file right after install: when it is still so, uninstall
/// writes back the saved original bytes; otherwise it sets the one value back.</param>
public sealed record ConfigChange(string Key, string? Previous, bool HadLocal, string? PreviousLocal, string? ConfigAfterSha256);

/// <param name="Chained">The hook it chains to, as the shim names it (null: none).</param>
/// <param name="MovedOriginal">The original file was moved to NAME.otto-chained (hooks-dir mode).</param>
/// <param name="Guarded">One of otto's four hooks, rather than a pass-through.</param>
public sealed record InstalledHook(string Name, string? Chained, bool MovedOriginal, bool Guarded);
