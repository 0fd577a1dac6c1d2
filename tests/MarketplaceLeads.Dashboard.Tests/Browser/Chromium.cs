using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.Playwright;

namespace MarketplaceLeads.Dashboard.Tests.Browser;

/// <summary>
/// Debian's chromium (<c>/usr/bin/chromium</c>, installed by <c>.ci/run</c>) driven by Playwright's .NET driver (its node
/// driver ships in the package; Playwright's own browser download is never used). One browser for the browser tests.
/// </summary>
public sealed class Chromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    /// <summary>Gets a value indicating whether this runs on CI (the <c>CI</c> variable most CI systems set).</summary>
    public static bool OnContinuousIntegration =>
        Environment.GetEnvironmentVariable("CI") is { Length: > 0 } ci && !ci.Equals("false", StringComparison.OrdinalIgnoreCase) && ci != "0";

    /// <summary>Gets why the browser tests are skipped here: chromium is missing and this is not CI; on CI they run, and fail, with the reason.</summary>
    public static string? SkipReason =>
        File.Exists(ExecutablePath) || OnContinuousIntegration ? null : $"{ExecutablePath} is missing: install Debian's chromium (apt-get install -y chromium) to run the browser tests; on CI (CI=true) they fail instead.";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            if (OnContinuousIntegration)
            {
                throw new InvalidOperationException($"The dashboard's browser tests need Debian's chromium at {ExecutablePath}, and it is missing: .ci/run installs it (apt-get install -y chromium).");
            }

            return;
        }

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // Containers run as root, where chromium's sandbox cannot start.
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

/// <summary>A fact that needs the browser: skipped only when chromium is missing and CI is not set (<see cref="Chromium.SkipReason"/>).</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute() => Skip = Chromium.SkipReason;
}
