namespace Otto.Cli;

/// <summary>
/// Files that travel with otto (the tool package installs them beside the executable; a development
/// build copies them to its output): otto.yaml.example, schemas/*.json, docs/*.md. Messages name them by
/// these paths, which exist wherever otto runs from.
/// </summary>
public static class ShippedFiles
{
    public static string Path(string relative) => System.IO.Path.Combine(AppContext.BaseDirectory, relative);

    public static string Example => Path("otto.yaml.example");

    public static string ConfigSchema => Path(System.IO.Path.Combine("schemas", "otto.schema.json"));

    public static string Docs => Path("docs");
}
