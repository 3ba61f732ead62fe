using System.Text.Json;
using Otto.Config;
using Otto.Tests.Support;

namespace Otto.Tests.Config;

/// <summary>otto.yaml.example documents every key with its default, and stays loadable.</summary>
public sealed class ConfigExampleTests
{
    private static string Example => File.ReadAllText(RepoFiles.Path("otto.yaml.example"));

    private static string Json(OttoConfig config) => JsonSerializer.Serialize(config);

    [Fact]
    public void The_example_loads_and_what_it_sets_are_the_real_defaults()
    {
        var config = ConfigLoader.Parse(Example, "otto.yaml.example");

        Assert.Equal(Json(new OttoConfig()), Json(config));
    }

    [Fact]
    public void Every_key_of_the_config_model_is_in_the_example()
    {
        var written = ConfigKeys.Written(ConfigKeys.Uncomment(Example));

        var missing = ConfigKeys.Model().Where(k => !written.Contains(k.Key)).Select(k => k.Value).ToList();

        Assert.True(missing.Count == 0, $"otto.yaml.example does not show: {string.Join(", ", missing)}");
    }

    [Fact]
    public void The_optional_examples_are_valid_settings_too()
    {
        var uncommented = ConfigKeys.Uncomment(Example);

        var config = ConfigLoader.Parse(uncommented, "otto.yaml.example (uncommented)");

        Assert.NotEqual(Json(new OttoConfig()), Json(config)); // the examples really were switched on
        Assert.Equal(["./pilot.sh"], AgentSelection.For(config, AgentSelection.Pilot).Command);
        Assert.NotEmpty(config.Verify.Commands);
        Assert.NotEmpty(config.Prices);
    }

    [Fact]
    public void Uncommenting_turns_settings_on_and_leaves_prose_alone()
    {
        var yaml = "a:\n  # Prose: stays.\n  # key: 1\n  # block:\n  #   inner: 2\n  #   - item\n# - top\n";

        Assert.Equal("a:\n  # Prose: stays.\n  key: 1\n  block:\n    inner: 2\n    - item\n- top\n", ConfigKeys.Uncomment(yaml));
    }
}
