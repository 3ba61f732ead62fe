using Otto.Config;

namespace Otto.Tests.Config;

public sealed class DurationTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("5m", 300)]
    [InlineData("2h", 7200)]
    [InlineData("1h30m", 5400)]
    [InlineData("1d2h", 93600)]
    [InlineData("500ms", 0.5)]
    [InlineData("1m500ms", 60.5)]
    [InlineData("0.5h", 1800)]
    [InlineData("  30s  ", 30)]
    [InlineData("45", 45)]
    [InlineData("0", 0)]
    public void TryParse_reads_units_and_plain_seconds(string text, double seconds)
    {
        Assert.True(Duration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1")]
    [InlineData("-5m")]
    [InlineData("5 m")]
    [InlineData("5min")]
    [InlineData("h")]
    [InlineData("1h 30m")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e300")]
    [InlineData("99999999999999999h")]
    [InlineData("1e300d")]
    public void TryParse_refuses_what_is_not_a_duration_instead_of_throwing(string text)
    {
        Assert.False(Duration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.Zero, value);
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(0.25, "250ms")]
    [InlineData(1.5, "1.5s")]
    [InlineData(90, "1m30s")]
    [InlineData(300, "5m")]
    [InlineData(5400, "1h30m")]
    [InlineData(7200, "2h")]
    [InlineData(90000, "1d1h")]
    public void Format_writes_the_shortest_form(double seconds, string text)
    {
        Assert.Equal(text, Duration.Format(TimeSpan.FromSeconds(seconds)));
    }

    [Theory]
    [InlineData(0.001)]
    [InlineData(59)]
    [InlineData(61.25)]
    [InlineData(3599)]
    [InlineData(86399)]
    [InlineData(1_000_000)]
    public void Format_reads_back_as_the_same_duration(double seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);

        Assert.True(Duration.TryParse(Duration.Format(span), out var back));
        Assert.Equal(span, back);
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("1e300")]
    [InlineData("99999999999999999h")]
    public void A_duration_too_large_or_not_a_number_in_otto_yaml_is_a_config_error(string text)
    {
        var error = Assert.Throws<ConfigException>(() => ConfigLoader.Parse($"limits:\n  attempt_timeout: {text}\n", "otto.yaml"));

        Assert.Equal($"otto.yaml:2:20: `limits.attempt_timeout` must be a duration like 90s, 5m or 2h, not '{text}'", error.Message);
    }
}
