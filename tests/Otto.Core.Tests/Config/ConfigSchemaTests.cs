using NJsonSchema;
using Otto.Config;

namespace Otto.Tests.Config;

/// <summary>schemas/otto.schema.json is generated from the config records.</summary>
public sealed class ConfigSchemaTests
{
    [Fact]
    public async Task The_schema_documents_defaults_and_descriptions()
    {
        var schema = await JsonSchema.FromJsonAsync(ConfigSchema.Generate());
        var limits = schema.Properties["limits"].ActualSchema;

        Assert.Equal(3L, Convert.ToInt64(limits.Properties["max_attempts"].Default, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("30m", limits.Properties["attempt_timeout"].Default);
        Assert.Equal("Attempts per task, the first try and fixes together.", limits.Properties["max_attempts"].Description);
        Assert.False(schema.AllowAdditionalProperties);
    }
}
