using System.Text.RegularExpressions;

namespace Otto.Secrets;

/// <summary>
/// One secret format from secret-rules.yaml: its name (what reports say), the pattern, and the values it
/// leaves alone because they are examples (`password=changeme`), not secrets.
/// </summary>
public sealed record SecretRule(string Name, string What, Regex Pattern, Regex? Placeholder)
{
    /// <summary>The group that is masked, when the pattern names one (the value, not `password=`).</summary>
    public int SecretGroup { get; } = Pattern.GroupNumberFromName("secret");

    public bool IsPlaceholder(string value) => Placeholder?.IsMatch(value) ?? false;
}

/// <summary>Which environment variables hold secrets: their values are masked wherever they appear.</summary>
public sealed record SecretEnvironmentRule(string Name, string What, Regex Names, int MinLength)
{
    public bool IsSecretName(string variable) => Names.IsMatch(variable);
}
