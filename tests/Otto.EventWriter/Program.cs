using System.Globalization;
using System.Text.Json.Nodes;
using Otto.Runs;

// Usage: Otto.EventWriter RUN-DIR COUNT
// Appends COUNT events to RUN-DIR/events.ndjson one at a time, each through RunJournal (run lock, seq from
// the log's tail, fsync), the way every otto process writes. Exit code 0 when all were written.
if (args.Length != 2 || !int.TryParse(args[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
{
    Console.Error.WriteLine("usage: Otto.EventWriter RUN-DIR COUNT");
    return 2;
}

var journal = new RunJournal(new RunPaths(Path.GetFullPath(args[0])));
var writer = Environment.ProcessId;
for (var i = 1; i <= count; i++)
{
    journal.Append(new NewEvent(new UnknownEvent("probe", new JsonObject { ["writer"] = writer, ["i"] = i }.ToJsonString())));
}
return 0;
