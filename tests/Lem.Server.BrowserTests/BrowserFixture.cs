namespace Lem.Server.BrowserTests;

/// <summary>
/// One headless Debian chromium for a test class, driven by Playwright (scripts/setup.sh installs the <c>chromium</c>
/// package when missing; <c>LEM_CHROMIUM</c> names another binary). Screenshots go to <c>screenshots/</c> in the test
/// output folder.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The browser.</summary>
    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    /// <summary>Where the tests save their screenshots.</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        _playwright = await Playwright.CreateAsync();
        var args = new List<string> { "--disable-gpu", "--disable-dev-shm-usage" };
        if (Environment.UserName == "root")
        {
            // Chromium refuses to run its sandbox as root (CI runs as root).
            args.Add("--no-sandbox");
        }

        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath(), Headless = true, Args = args });
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    /// <summary>A new page (its own context: no shared sessionStorage) of the given size.</summary>
    public async Task<IPage> NewPage(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "en-GB" });
        return await context.NewPageAsync();
    }

    /// <summary>Saves a full-page screenshot as <c>screenshots/NAME.png</c>.</summary>
    public static Task Screenshot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });

    private static string ChromiumPath()
    {
        if (Environment.GetEnvironmentVariable("LEM_CHROMIUM") is { Length: > 0 } configured)
        {
            return configured;
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in new[] { "chromium", "chromium-browser" })
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new FileNotFoundException("chromium is not on PATH: run scripts/setup.sh (it installs the Debian package chromium) or set LEM_CHROMIUM.");
    }
}
