using Microsoft.Playwright;

namespace Otto.Tests.Review;

/// <summary>
/// Debian's chromium (`.ci/run` installs it), driven by Playwright for .NET: a real browser renders
/// otto's HTML report. Every request the page makes is recorded, so a test can prove there is none.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    /// <summary>Why the browser tests cannot run here, or null when chromium is installed.</summary>
    public static string? Missing =>
        File.Exists(ExecutablePath) ? null : $"{ExecutablePath} is not installed (`.ci/run` installs it: apt-get install -y chromium)";

    public static async Task<HeadlessChromium> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
            Timeout = 60_000,
        });
        return new HeadlessChromium(playwright, browser);
    }

    /// <summary>Opens a local file offline; <paramref name="requests"/> receives every URL the page asks for.</summary>
    public async Task<IPage> OpenAsync(string file, List<string> requests)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { Offline = true, ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        context.Request += (_, request) => { lock (requests) requests.Add(request.Url); };
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(file).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>A fact that needs chromium: reported as skipped, with the reason, on a machine without it.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (HeadlessChromium.Missing is { } reason) Skip = reason;
    }
}
