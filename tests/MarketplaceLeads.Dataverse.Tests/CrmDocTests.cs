using System;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MarketplaceLeads.Dataverse.Tests;

/// <summary>Runs the Dataverse example of docs/crm.md against the loopback server, and checks that the page shows exactly this code.</summary>
public sealed class CrmDocTests
{
    [Fact]
    public async Task DocExample_DeliversALeadIntoTheEnvironment_WithTheSettingsFromConfiguration()
    {
        await using var server = await DataverseServer.StartAsync();
        string[] args =
        [
            $"--Dataverse:EnvironmentUrl={server.BaseAddress}",
            $"--Dataverse:AuthorityHost={server.BaseAddress}",
            $"--Dataverse:TenantId={DataverseServer.Tenant}",
            $"--Dataverse:ClientId={DataverseServer.ClientId}",
            $"--Dataverse:ClientSecret={DataverseServer.ClientSecret}",
        ];

        // DOCS:dataverse
        var builder = Host.CreateApplicationBuilder(args);
        var dataverse = builder.Configuration.GetSection("Dataverse");  // secrets from configuration / a secret store
        builder.Services.AddMarketplaceLeads().AddDataverseSink(o =>
        {
            o.EnvironmentUrl = new Uri(dataverse["EnvironmentUrl"]!);   // https://contoso.crm.dynamics.com
            o.AuthorityHost = new Uri(dataverse["AuthorityHost"] ?? "https://login.microsoftonline.com/");
            o.TenantId = dataverse["TenantId"]!;
            o.ClientId = dataverse["ClientId"]!;
            o.ClientSecret = dataverse["ClientSecret"];
            o.AlternateKeyColumn = "msl_marketplaceprofileid";        // the column with the alternate key
            o.CreateReplyTasks = true;                                 // a task due at each "Contact me" lead's reply-by time
        });
        using var host = builder.Build();
        await host.StartAsync();
        // DOCS:end

        await host.Services.GetRequiredService<ILeadPipeline>().SubmitAsync(TestLeads.Person(1));
        await Polling.WaitAsync(() => !server.Tasks.IsEmpty, TimeSpan.FromSeconds(20), () => "the lead and its task did not reach the server");
        await host.StopAsync();

        var record = Assert.Single(server.Leads).Value.Columns;
        Assert.Equal("Person1", (string?)record["firstname"]);
    }

    [Fact]
    public void Docs_ShowTheCodeThatRunsHere() =>
        Assert.True(
            DocRegions.PageShows("docs/crm.md", "tests/MarketplaceLeads.Dataverse.Tests/CrmDocTests.cs", "dataverse"),
            "docs/crm.md has no ```csharp block equal to the DOCS:dataverse region:\n" + DocRegions.Code("tests/MarketplaceLeads.Dataverse.Tests/CrmDocTests.cs", "dataverse"));
}
