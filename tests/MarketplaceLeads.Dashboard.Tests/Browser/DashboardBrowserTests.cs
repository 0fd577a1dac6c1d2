using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Deque.AxeCore.Playwright;
using MarketplaceLeads.Dashboard.Tests.Support;
using Microsoft.Playwright;

namespace MarketplaceLeads.Dashboard.Tests.Browser;

/// <summary>
/// The dashboard in a real browser: sign in, work the due list, record a touch, accept a possible duplicate; axe finds no
/// serious or critical accessibility violation on any page; screenshots (desktop and phone) go to artifacts/screenshots
/// for docs/images.
/// </summary>
[Collection(SampleDatabaseDefinition.Name)]
public sealed class DashboardBrowserTests(SampleDatabase samples, Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly ViewportSize Desktop = new() { Width = 1280, Height = 860 };
    private static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    [BrowserFact]
    public async Task SignIn_SeeTheDueList_RecordATouch_AndWatchTheReplyLeaveTheList()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        var page = await SignInAsync(server, Desktop);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Today", Exact = true })).ToBeVisibleAsync();
        var first = page.Locator("#overdue-list tbody tr, #due-list tbody tr").First;
        var profile = await first.GetAttributeAsync("data-profile");
        Assert.NotNull(profile);
        var rows = page.Locator($"tr[data-profile=\"{profile}\"]", new() { HasText = "Reply" });
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await ScreenshotAsync(page, "today");

        await first.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Record a touch" })).ToBeVisibleAsync();
        Assert.EndsWith("/dashboard/customers/" + profile, page.Url, StringComparison.Ordinal);
        await page.GetByLabel("What was done").SelectOptionAsync("called");
        await page.GetByLabel("Note (optional; required to disqualify)").FillAsync("Called back, demo booked for Tuesday");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record the touch" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The touch is recorded.");
        await Assertions.Expect(page.Locator(".timeline")).ToContainTextAsync("Called back, demo booked for Tuesday");
        await ScreenshotAsync(page, "customer");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Today" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Today", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task AcceptAPossibleDuplicate_AndSeeTheProfilesMerge()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        var page = await SignInAsync(server, Desktop);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Review", Exact = true }).ClickAsync();
        var pair = page.Locator("article.pair", new() { HasText = "Ana Garcia" });
        await Assertions.Expect(pair).ToContainTextAsync("Luis Garcia");
        await ScreenshotAsync(page, "review");
        await pair.GetByRole(AriaRole.Button, new() { Name = "Accept: one person" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The two profiles are merged into this one.");
        var facts = page.Locator("dl.facts").First;
        await Assertions.Expect(facts).ToContainTextAsync("ana@contoso.example");
        await Assertions.Expect(facts).ToContainTextAsync("luis.garcia@gmail.com");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Review", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("article.pair", new() { HasText = "Ana Garcia" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task RetryADeadLetter_ThatIsALeadNow()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        var page = await SignInAsync(server, Desktop);
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Dead letters" }).ClickAsync();
        var letter = page.Locator("article[data-dead-letter]").First;
        await letter.Locator("summary").ClickAsync();
        await Assertions.Expect(letter.Locator("pre")).ToContainTextAsync("mei.tanaka@fabrikam.example");
        await ScreenshotAsync(page, "dead-letters");
        await letter.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Retried: the record is a lead now, in the pipeline.");
        await Assertions.Expect(page.Locator("article[data-dead-letter]").First).ToContainTextAsync("retried");
        await Assertions.Expect(page.Locator("article[data-dead-letter]").First.GetByRole(AriaRole.Button, new() { Name = "Retry" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [BrowserFact]
    public async Task EveryPage_HasNoSeriousOrCriticalAccessibilityViolation_OnADesktopAndAPhone()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        foreach (var (viewport, suffix) in new[] { (Desktop, string.Empty), (Phone, "-phone") })
        {
            var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = viewport, Locale = "en-US" });
            var page = await context.NewPageAsync();
            await page.GotoAsync(server.Dashboard + "/");
            await AssertAccessibleAsync(page, "sign-in");
            if (suffix.Length > 0)
            {
                await ScreenshotAsync(page, "sign-in" + suffix);
            }

            await page.GetByLabel("Admin key").FillAsync(DashboardServer.AdminKey);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            var profile = await page.Locator("#overdue-list tbody tr, #due-list tbody tr").First.GetAttributeAsync("data-profile");
            foreach (var (path, name) in new[] { ("/", "today"), ($"/customers/{profile}", "customer"), ("/review", "review"), ("/funnel", "funnel"), ("/dead-letters", "dead-letters") })
            {
                await page.GotoAsync(server.Dashboard + path);
                await AssertAccessibleAsync(page, name + suffix);
                if (suffix.Length > 0 || name is "funnel")
                {
                    await ScreenshotAsync(page, name + suffix);
                }
            }

            await context.CloseAsync();
        }
    }

    [BrowserFact]
    public async Task TheKeyboardAlone_ReachesTheSkipLinkAndTheNavigation()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        var page = await SignInAsync(server, Desktop);
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(":focus")).ToHaveTextAsync("Skip to the content");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(":focus")).ToHaveTextAsync("Today");
        await page.Context.CloseAsync();
    }

    private async Task<IPage> SignInAsync(DashboardServer server, ViewportSize viewport)
    {
        var context = await chromium.Browser.NewContextAsync(new() { ViewportSize = viewport, Locale = "en-US" });
        var page = await context.NewPageAsync();
        await page.GotoAsync(server.Dashboard + "/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.Contains("/dashboard/login?returnUrl=", page.Url, StringComparison.Ordinal);
        await page.GetByLabel("Admin key").FillAsync(DashboardServer.AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Today", Exact = true })).ToBeVisibleAsync();
        return page;
    }

    private static async Task AssertAccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(static v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"axe on the {name} page: " + string.Join("; ", serious.Select(static v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(static n => n.Target?.ToString()))}")));
    }

    /// <summary>Saves a screenshot of the viewport to artifacts/screenshots/dashboard-<paramref name="name"/>.png (copied by hand to docs/images when good).</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(SampleDatabase.RepositoryRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"dashboard-{name}.png") });
    }
}
