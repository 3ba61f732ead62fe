using System.Reflection;
using System.Text;

namespace Otto.Hooks;

/// <summary>
/// How to start this same otto again from a hook: its apphost, or `dotnet otto.dll` when it was started
/// that way. Installed hooks and agent settings store the absolute argv, so they never depend on PATH.
/// </summary>
public static class OttoCommand
{
    public static IReadOnlyList<string> Current()
    {
        var process = Environment.ProcessPath ?? "otto";
        var entry = Assembly.GetEntryAssembly()?.Location;
        var viaHost = Path.GetFileNameWithoutExtension(process) == "dotnet";
        return viaHost && entry is { Length: > 0 } ? [process, entry] : [process];
    }

    /// <summary>The argv as one POSIX shell line, every word single-quoted.</summary>
    public static string ShellLine(IEnumerable<string> argv) => string.Join(' ', argv.Select(Quote));

    public static string Quote(string word)
    {
        var text = new StringBuilder("'");
        text.Append(word.Replace("'", "'\\''", StringComparison.Ordinal));
        return text.Append('\'').ToString();
    }
}
