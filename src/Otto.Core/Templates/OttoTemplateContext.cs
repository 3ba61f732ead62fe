using System.Text.Json;
using Scriban;

namespace Otto.Templates;

/// <summary>
/// Scriban as otto's templates need it: an enum value is written by its wire name (`waiting_for_human`,
/// as in events and final.json), not its C# name.
/// </summary>
public class OttoTemplateContext : TemplateContext
{
    public override string? ObjectToString(object? value, bool nested = false) =>
        value is Enum e ? JsonNamingPolicy.SnakeCaseLower.ConvertName(e.ToString()) : base.ObjectToString(value, nested);
}
