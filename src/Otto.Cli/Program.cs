using Otto.Cli;

return await CliApp.RunAsync(args);
