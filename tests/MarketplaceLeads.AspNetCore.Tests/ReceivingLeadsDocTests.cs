using System;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.AspNetCore.Tests;

/// <summary>The sample of <c>docs/receiving-leads.md</c> is the code between the <c>DOCS:</c> markers: it is compiled and run here, and the page must show it verbatim.</summary>
[Collection(CurrentDirectoryTests.Name)]
public sealed partial class ReceivingLeadsDocTests
{
    [Fact]
    public async Task HttpsEndpointSample_RunsAndAcceptsTheContactMeSample()
    {
        var folder = Directory.CreateTempSubdirectory("ml-docs-");
        var directory = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder.FullName;
        string[] args = ["--urls=http://127.0.0.1:0", "--Leads:Key=0123456789abcdef-test-key"];
        try
        {
            // DOCS:https-endpoint
            var builder = WebApplication.CreateBuilder(args);
            builder.Logging.AddMarketplaceLeadsKeyFilter(); // keeps the key in the URL out of ASP.NET Core's logs
            builder.Services.AddMarketplaceLeads()
                .AddJsonLinesFileSink(o => o.Path = "leads.jsonl"); // your sinks: SQLite, a webhook, your CRM
            var app = builder.Build();
            app.MapMarketplaceLeads("/leads", o => o.SharedSecret = app.Configuration["Leads:Key"]);
            await app.StartAsync();
            // DOCS:end
            try
            {
                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                using var client = new HttpClient { BaseAddress = new Uri(address) };
                using var content = new ByteArrayContent(Samples.Read("https-contact-me.json"));
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync(new Uri("/leads?key=0123456789abcdef-test-key", UriKind.Relative), content);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("""{"accepted":1,"alreadyAccepted":0}""", await response.Content.ReadAsStringAsync());
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }

            Assert.Single(File.ReadAllLines(Path.Combine(folder.FullName, "leads.jsonl")));
        }
        finally
        {
            Environment.CurrentDirectory = directory;
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Docs_ShowTheCodeThatRunsHere()
    {
        var self = File.ReadAllText(Path.Combine(FindRepository(), "tests", "MarketplaceLeads.AspNetCore.Tests", "ReceivingLeadsDocTests.cs")).ReplaceLineEndings("\n");
        var page = File.ReadAllText(Path.Combine(FindRepository(), "docs", "receiving-leads.md")).ReplaceLineEndings("\n");
        var regions = RegionPattern().Matches(self);

        Assert.NotEmpty(regions);
        foreach (Match region in regions)
        {
            var lines = region.Groups["code"].Value.Split('\n')[..^1];
            var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
            var code = new StringBuilder();
            foreach (var line in lines)
            {
                code.Append(line.Length >= indent ? line[indent..] : line.TrimStart()).Append('\n');
            }

            Assert.True(page.Contains("```csharp\n" + code + "```\n", StringComparison.Ordinal), $"docs/receiving-leads.md has no ```csharp block equal to the DOCS:{region.Groups["name"].Value} region:\n{code}");
        }
    }

    private static string FindRepository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MarketplaceLeads.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("MarketplaceLeads.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"// DOCS:(?<name>[\w-]+)\n(?<code>.*?)^[ ]*// DOCS:end", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex RegionPattern();
}
