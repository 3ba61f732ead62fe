using Otto.Bench;

return BenchMain.Run(args);
