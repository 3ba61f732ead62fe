using System.Text.RegularExpressions;
using Otto.Config;
using YamlDotNet.RepresentationModel;

namespace Otto.Tests.Config;

/// <summary>The keys of the config model, section by section, and the keys a YAML text writes.</summary>
internal static partial class ConfigKeys
{
    /// <summary>Every (section type, key) of otto.yaml, with the first path where it can be written.</summary>
    public static IReadOnlyDictionary<(Type Section, string Key), string> Model()
    {
        var keys = new Dictionary<(Type, string), string>();
        void Walk(Type section, string path)
        {
            foreach (var (key, property) in ConfigModel.Properties(section))
            {
                var keyPath = path.Length == 0 ? key : $"{path}.{key}";
                keys.TryAdd((section, key), keyPath);
                var (inner, innerPath) = Inner(property.PropertyType, keyPath);
                if (inner is not null) Walk(inner, innerPath);
            }
        }
        Walk(typeof(OttoConfig), "");
        return keys;
    }

    /// <summary>Every (section type, key) the YAML document writes, found by walking it along the model.</summary>
    public static HashSet<(Type Section, string Key)> Written(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var written = new HashSet<(Type, string)>();
        void Walk(Type section, YamlNode node)
        {
            if (node is not YamlMappingNode mapping) return;
            var properties = ConfigModel.Properties(section);
            foreach (var (keyNode, value) in mapping.Children)
            {
                var key = ((YamlScalarNode)keyNode).Value!;
                if (!properties.TryGetValue(key, out var property)) continue;
                written.Add((section, key));
                var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (YamlBinder.IsList(type, out var item) && value is YamlSequenceNode sequence)
                    foreach (var child in sequence.Children) Walk(item, child);
                else if (YamlBinder.IsDictionary(type, out var entry) && value is YamlMappingNode map)
                    foreach (var child in map.Children.Values) Walk(entry, child);
                else if (IsSection(type)) Walk(type, value);
            }
        }
        Walk(typeof(OttoConfig), stream.Documents[0].RootNode);
        return written;
    }

    /// <summary>"  # key: value" and "  #   - item" lines become settings; prose comments ("# Text") stay.</summary>
    public static string Uncomment(string yaml) => CommentedSetting().Replace(yaml, "$1$2");

    [GeneratedRegex(@"^([ ]*)# ?([ ]*(?:[a-z][a-z0-9_-]*:(?:[ ]|$)|- ))", RegexOptions.Multiline)]
    private static partial Regex CommentedSetting();

    private static (Type? Section, string Path) Inner(Type type, string path)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (YamlBinder.IsList(type, out var item)) return IsSection(item) ? (item, path + "[]") : (null, path);
        if (YamlBinder.IsDictionary(type, out var entry)) return IsSection(entry) ? (entry, path + ".<name>") : (null, path);
        return IsSection(type) ? (type, path) : (null, path);
    }

    private static bool IsSection(Type type) => type.IsClass && type != typeof(string) && type.Namespace == typeof(OttoConfig).Namespace;
}
