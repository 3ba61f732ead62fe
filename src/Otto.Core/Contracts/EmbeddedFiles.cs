using System.Reflection;

namespace Otto.Contracts;

/// <summary>Schemas and default templates ship inside the assembly, so an installed tool has them.</summary>
public static class EmbeddedFiles
{
    private static readonly Assembly Assembly = typeof(EmbeddedFiles).Assembly;

    public static string Read(string logicalName)
    {
        using var stream = Assembly.GetManifestResourceStream(logicalName)
            ?? throw new InvalidOperationException($"embedded file {logicalName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IEnumerable<string> Names(string prefix) =>
        Assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal);
}
