using System.ComponentModel;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Otto.Config;

/// <summary>Generates schemas/otto.schema.json from the config records (the same model the loader uses).</summary>
public static class ConfigSchema
{
    public static string Generate()
    {
        var schema = Record(typeof(OttoConfig));
        schema.Insert(0, "$schema", "http://json-schema.org/draft-07/schema#");
        schema.Insert(1, "$id", "https://gitotto.dev/schemas/otto.schema.json");
        schema.Insert(2, "title", "otto.yaml");
        // Relaxed escaping: the file is read by people and editors, and ' and ` stay as they are.
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    private static JsonObject Record(Type type)
    {
        var properties = new JsonObject();
        var defaults = Activator.CreateInstance(type);
        var nullability = new NullabilityInfoContext();
        foreach (var (key, property) in ConfigModel.Properties(type))
        {
            var node = ForType(property.PropertyType);
            if (MayBeEmpty(property, nullability)) AllowNull(node);
            var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description;
            if (description is not null) node.Insert(0, "description", description);
            // Typed values: JsonValue.Create(object) cannot be written without a serializer's type resolver.
            JsonNode? defaultValue = property.GetValue(defaults) switch
            {
                string text => JsonValue.Create(text),
                int number => JsonValue.Create(number),
                decimal number => JsonValue.Create(number),
                bool flag => JsonValue.Create(flag),
                TimeSpan span => JsonValue.Create(Duration.Format(span)),
                ByteSize size => JsonValue.Create(size.ToString()),
                _ => null,
            };
            if (defaultValue is not null) node["default"] = defaultValue;
            if (property.GetCustomAttribute<AtLeastOneAttribute>() is not null) node["minimum"] = 1;
            properties[key] = node;
        }
        var record = new JsonObject { ["type"] = "object", ["additionalProperties"] = false, ["properties"] = properties };
        if (type == typeof(VerifyCommand))
            return new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, record) };
        return record;
    }

    /// <summary>What the loader takes as "key:" with no value: optional keys, and lists, maps and sections (as empty).</summary>
    private static bool MayBeEmpty(PropertyInfo property, NullabilityInfoContext nullability)
    {
        var type = property.PropertyType;
        if (Nullable.GetUnderlyingType(type) is not null || nullability.Create(property).WriteState == NullabilityState.Nullable) return true;
        return YamlBinder.IsList(type, out _) || YamlBinder.IsDictionary(type, out _) || YamlBinder.IsSection(type);
    }

    private static void AllowNull(JsonObject node)
    {
        if (node["type"] is JsonValue one) node["type"] = new JsonArray(one.GetValue<string>(), "null");
        else if (node["type"] is JsonArray many) many.Add("null");
    }

    private static JsonObject ForType(Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string)) return new JsonObject { ["type"] = "string" };
        if (target == typeof(int)) return new JsonObject { ["type"] = "integer", ["minimum"] = 0 };
        if (target == typeof(decimal)) return new JsonObject { ["type"] = "number", ["minimum"] = 0 };
        if (target == typeof(bool)) return new JsonObject { ["type"] = "boolean" };
        if (target == typeof(TimeSpan))
            return new JsonObject
            {
                ["type"] = new JsonArray("string", "number"),
                ["pattern"] = @"^(\d+(\.\d+)?(ms|s|m|h|d))+$|^\d+(\.\d+)?$",
            };
        if (target == typeof(ByteSize))
            return new JsonObject { ["type"] = new JsonArray("string", "integer"), ["pattern"] = @"^\d+(\.\d+)?\s*([KMGkmg][iI]?[Bb]|[Bb])?$", ["minimum"] = 1 };
        if (YamlBinder.IsList(target, out var item)) return new JsonObject { ["type"] = "array", ["items"] = ForType(item) };
        if (YamlBinder.IsDictionary(target, out var value))
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = ForType(value) };
        return Record(target);
    }
}
