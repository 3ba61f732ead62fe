using System.Reflection;

namespace Otto;

public static class OttoVersion
{
    public static string Current { get; } =
        typeof(OttoVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
