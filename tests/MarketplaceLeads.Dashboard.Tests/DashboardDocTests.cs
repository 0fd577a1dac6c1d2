using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using MarketplaceLeads.Dashboard.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Dashboard.Tests;

/// <summary>The sample of <c>docs/dashboard.md</c> is the code between the <c>DOCS:</c> markers: it is compiled and run here, and the page must show it verbatim.</summary>
[Collection(SampleDatabaseDefinition.Name)]
public sealed class DashboardDocTests(SampleDatabase samples)
{
    private const string TestFile = "tests/MarketplaceLeads.Dashboard.Tests/DashboardDocTests.cs";

    [Fact]
    public async Task MountingSample_ServesTheSignInPage_AndTodaysListOnceSignedIn()
    {
        var folder = Directory.CreateTempSubdirectory("mpl-dash-docs-");
        samples.CopyTo(Path.Combine(folder.FullName, "leads.db"));
        string[] args = ["--urls=http://127.0.0.1:0", "--Leads:Database=" + Path.Combine(folder.FullName, "leads.db"), "--Dashboard:AdminKey=docs-dashboard-key-0123456789"];
        try
        {
            // DOCS:mount
            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddMarketplaceLeads()
                .UseFollowUp()
                .UseSqlite(o => o.Path = builder.Configuration["Leads:Database"] ?? "leads.db");
            builder.Services.AddMarketplaceLeadsDashboard(o =>
            {
                o.AdminKey = builder.Configuration["Dashboard:AdminKey"]; // from the environment or a secret store
                o.TimeZone = "Europe/Paris";
            });
            var app = builder.Build();
            app.MapMarketplaceLeadsDashboard(); // at /dashboard
            await app.StartAsync();
            // DOCS:end
            try
            {
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(address) };
                using var signIn = await client.GetAsync("/dashboard/");
                Assert.Equal("/dashboard/login", signIn.RequestMessage!.RequestUri!.AbsolutePath);
                using var today = await DashboardServer.PostFormAsync(client, "/dashboard/login", "/dashboard/login", new() { ["key"] = "docs-dashboard-key-0123456789", ["returnUrl"] = "/dashboard/" });
                var page = await today.Content.ReadAsStringAsync();
                Assert.Equal(HttpStatusCode.OK, today.StatusCode);
                Assert.Contains("Overdue replies", page, StringComparison.Ordinal);
                Assert.Contains("Times in Europe/Paris", page, StringComparison.Ordinal);
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void TheDocsPage_ShowsTheCodeThatRunsHere_AndItsScreenshots()
    {
        Assert.True(DocRegions.PageShows("docs/dashboard.md", TestFile, "mount"), "docs/dashboard.md has no ```csharp block equal to the DOCS:mount region:\n" + DocRegions.Code(TestFile, "mount"));
        var page = File.ReadAllText(Path.Combine(SampleDatabase.RepositoryRoot, "docs", "dashboard.md"));
        foreach (var image in System.Text.RegularExpressions.Regex.Matches(page, @"\]\((images/dashboard-[a-z-]+\.png)\)").Select(static m => m.Groups[1].Value))
        {
            Assert.True(File.Exists(Path.Combine(SampleDatabase.RepositoryRoot, "docs", image)), $"docs/{image} is missing");
        }
    }
}
