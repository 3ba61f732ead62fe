using System.Globalization;
using System.Reflection;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Otto.Config;

/// <summary>
/// Binds a YAML node tree onto the config records by reflection. Every error names file, line and column;
/// unknown keys are errors (with the closest known key as a hint), never silently ignored.
/// </summary>
internal sealed class YamlBinder(string fileName)
{
    private readonly NullabilityInfoContext _nullability = new();

    /// <summary>Where each key path was written, for errors found after binding.</summary>
    public Dictionary<string, (int Line, int Column)> Positions { get; } = new(StringComparer.Ordinal);

    public T BindRoot<T>(YamlNode? node) where T : new()
    {
        if (node is null || node is YamlScalarNode { Value: null or "" or "~" or "null" }) return new T();
        return (T)BindRecord(node, typeof(T), "");
    }

    private object? Bind(YamlNode node, Type type, string key, bool nullable)
    {
        if (IsNull(node))
        {
            if (nullable || Nullable.GetUnderlyingType(type) is not null) return null;
            // A list or map key with nothing (or only comments) under it is an empty one, as people write it.
            if (IsList(type, out var emptyItem)) return Activator.CreateInstance(typeof(List<>).MakeGenericType(emptyItem));
            if (IsDictionary(type, out var emptyValue)) return Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), emptyValue));
            // So is a section whose keys are all commented out: it keeps its defaults.
            if (IsSection(type)) return Activator.CreateInstance(type);
            throw Error(node, $"`{key}` must not be empty");
        }
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string)) return Scalar(node, key, "a string");
        if (target == typeof(int)) return ParseNumber(node, key, s => int.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture), "a whole number");
        if (target == typeof(decimal)) return ParseNumber(node, key, s => decimal.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture), "a number");
        if (target == typeof(bool)) return ParseNumber(node, key, s => bool.Parse(s), "true or false");
        if (target == typeof(TimeSpan))
        {
            var text = Scalar(node, key, "a duration");
            return Duration.TryParse(text, out var value) ? value : throw Error(node, $"`{key}` must be a duration like 90s, 5m or 2h, not '{text}'");
        }
        if (target == typeof(ByteSize))
        {
            var text = Scalar(node, key, "a size");
            return ByteSize.TryParse(text, out var size) ? size : throw Error(node, $"`{key}` must be a size like 50MB, 512KB or 1GB, not '{text}'");
        }
        if (IsList(target, out var itemType)) return BindList(node, itemType, key);
        if (IsDictionary(target, out var valueType)) return BindDictionary(node, valueType, key);
        return BindRecord(node, target, key);
    }

    private object BindRecord(YamlNode node, Type type, string key)
    {
        if (type == typeof(VerifyCommand) && node is YamlScalarNode shorthand)
            return new VerifyCommand { Run = Scalar(shorthand, key, "a command") };
        if (node is not YamlMappingNode mapping)
            throw Error(node, key.Length == 0 ? "the file must be a mapping of keys to values" : $"`{key}` must be a mapping of keys to values");
        var instance = Activator.CreateInstance(type)!;
        var properties = ConfigModel.Properties(type);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var name = KeyName(keyNode, key);
            var path = key.Length == 0 ? name : $"{key}.{name}";
            if (!properties.TryGetValue(name, out var property))
            {
                var hint = ConfigModel.Closest(name, properties.Keys);
                var where = key.Length == 0 ? "at the top level" : $"in `{key}`";
                throw Error(keyNode, $"unknown key `{name}` {where}" + (hint is null ? "" : $" (did you mean `{hint}`?)"));
            }
            Positions[path] = ((int)keyNode.Start.Line, (int)keyNode.Start.Column);
            var nullable = _nullability.Create(property).WriteState == NullabilityState.Nullable;
            property.SetValue(instance, Bind(valueNode, property.PropertyType, path, nullable));
        }
        return instance;
    }

    private object BindList(YamlNode node, Type itemType, string key)
    {
        var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
        if (node is YamlScalarNode && itemType == typeof(string))
        {
            list.Add(Scalar(node, key, "a string"));
            return list;
        }
        if (node is not YamlSequenceNode sequence) throw Error(node, $"`{key}` must be a list");
        var i = 0;
        foreach (var child in sequence.Children)
        {
            var itemKey = $"{key}[{i++}]";
            Positions[itemKey] = ((int)child.Start.Line, (int)child.Start.Column);
            list.Add(Bind(child, itemType, itemKey, nullable: false));
        }
        return list;
    }

    private object BindDictionary(YamlNode node, Type valueType, string key)
    {
        var dictionary = (System.Collections.IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType))!;
        if (node is not YamlMappingNode mapping) throw Error(node, $"`{key}` must be a mapping");
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var name = KeyName(keyNode, key);
            Positions[$"{key}.{name}"] = ((int)keyNode.Start.Line, (int)keyNode.Start.Column);
            dictionary[name] = Bind(valueNode, valueType, $"{key}.{name}", nullable: false);
        }
        return dictionary;
    }

    private object ParseNumber(YamlNode node, string key, Func<string, object> parse, string what)
    {
        var text = Scalar(node, key, what);
        try
        {
            return parse(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw Error(node, $"`{key}` must be {what}, not '{text}'");
        }
    }

    private string KeyName(YamlNode keyNode, string key) =>
        keyNode is YamlScalarNode { Value: { } name } ? name : throw Error(keyNode, $"keys {(key.Length == 0 ? "" : $"in `{key}` ")}must be plain names, not lists or mappings");

    private string Scalar(YamlNode node, string key, string what) =>
        node is YamlScalarNode scalar ? scalar.Value ?? "" : throw Error(node, $"`{key}` must be {what}");

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" };

    internal static bool IsSection(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace == typeof(OttoConfig).Namespace && type.GetConstructor(Type.EmptyTypes) is not null;

    internal static bool IsList(Type type, out Type itemType)
    {
        itemType = typeof(object);
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IReadOnlyList<>)) return false;
        itemType = type.GetGenericArguments()[0];
        return true;
    }

    internal static bool IsDictionary(Type type, out Type valueType)
    {
        valueType = typeof(object);
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(IReadOnlyDictionary<,>)) return false;
        valueType = type.GetGenericArguments()[1];
        return true;
    }

    private OttoException Error(YamlNode node, string message) =>
        new ConfigException(fileName, (int)node.Start.Line, (int)node.Start.Column, message);
}

/// <summary>A config problem at a place in a file: "otto.yaml:12:3: unknown key ...".</summary>
public sealed class ConfigException(string file, int line, int column, string message)
    : OttoException($"{file}:{line}:{column}: {message}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public int Column { get; } = column;
}
