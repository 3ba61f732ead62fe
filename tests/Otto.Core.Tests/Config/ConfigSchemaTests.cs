using NJsonSchema;
using Otto.Config;
using Otto.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Otto.Tests.Config;

/// <summary>schemas/otto.schema.json is generated from the config records; the committed copy must match.</summary>
public sealed class ConfigSchemaTests
{
    private const string SchemaFile = "schemas/otto.schema.json";

    [Fact]
    public void The_committed_schema_is_the_one_the_config_model_generates()
    {
        var path = RepoFiles.Path(SchemaFile);
        var generated = ConfigSchema.Generate();
        if (Environment.GetEnvironmentVariable("OTTO_UPDATE_SCHEMA") == "1") File.WriteAllText(path, generated);

        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : "";

        Assert.True(committed == generated,
            $"{SchemaFile} differs from the config model in src/Otto.Core/Config/OttoConfig.cs. Regenerate it with\n" +
            "    OTTO_UPDATE_SCHEMA=1 dotnet test tests/Otto.Core.Tests --filter FullyQualifiedName~ConfigSchemaTests\n" +
            "and commit the result.");
    }

    [Fact]
    public void The_schema_accepts_the_example_as_it_is_and_with_every_option_switched_on()
    {
        var example = File.ReadAllText(RepoFiles.Path("otto.yaml.example"));

        Assert.Empty(Validate(example));
        Assert.Empty(Validate(ConfigKeys.Uncomment(example)));
    }

    [Theory]
    [InlineData("agent:\n  model: ~\nworktree_root:\n")]
    [InlineData("verify:\n  commands:\nsetup:\n  copy:\nprices:\nlimits:\n")]
    public void The_schema_accepts_the_empty_values_the_loader_accepts(string yaml)
    {
        ConfigLoader.Parse(yaml, "otto.yaml");
        Assert.Empty(Validate(yaml));
    }

    [Theory]
    [InlineData("limits:\n  max_atempts: 3\n", "NoAdditionalPropertiesAllowed")]
    [InlineData("concurrency: four\n", "IntegerExpected")]
    [InlineData("limits:\n  run_budget: soon\n", "NoTypeValidates")]
    [InlineData("verify:\n  commands: [ { run: make, timout: 5m } ]\n", "NoTypeValidates")]
    [InlineData("prices:\n  m: { input_per_mtok: -1 }\n", "NumberTooSmall")]
    public void The_schema_refuses_what_the_loader_refuses(string yaml, string kind)
    {
        Assert.Throws<ConfigException>(() => ConfigLoader.Parse(yaml, "otto.yaml"));
        Assert.Contains(kind, Validate(yaml));
    }

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

    private static List<string> Validate(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var json = YamlJson.ToJson(stream.Documents[0].RootNode)!.ToJsonString();
        var schema = JsonSchema.FromJsonAsync(ConfigSchema.Generate()).GetAwaiter().GetResult();
        return schema.Validate(json).SelectMany(Flatten).Select(e => e.Kind.ToString()).ToList();
    }

    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(NJsonSchema.Validation.ValidationError error) =>
        error is NJsonSchema.Validation.ChildSchemaValidationError child
            ? [error, .. child.Errors.SelectMany(e => e.Value).SelectMany(Flatten)]
            : [error];
}
