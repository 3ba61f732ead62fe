using Otto.Cli;
using Otto.Platform;

// The agent wrapper's launcher (see Subreaper): handled before anything else loads, it execs at once.
if (args is [Subreaper.Command, ..]) return Subreaper.Exec(args[1..]);
return await CliApp.RunAsync(args);
