using System.Text.Json.Nodes;

namespace Otto.Runs;

/// <summary>How shared values are written into event data, so the fold reads them back the same way.</summary>
public static class EventData
{
    public static JsonObject Failure(FailureInfo failure)
    {
        var data = new JsonObject
        {
            ["kind"] = failure.Kind,
            ["reason"] = failure.Reason,
            ["signature"] = failure.Signature,
            ["limit"] = failure.Limit is null ? null : new JsonObject { ["name"] = failure.Limit.Name, ["value"] = failure.Limit.Value },
        };
        if (failure.Task is not null) data["task"] = failure.Task;
        if (failure.Fatal) data["fatal"] = true;
        if (failure.Command is not null) data["command"] = failure.Command;
        return data;
    }

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    public static JsonObject Owner(Owner owner) => new()
    {
        ["host"] = owner.Host, ["pid"] = owner.Pid, ["start_time"] = owner.StartTime, ["token"] = owner.Token,
    };
}
