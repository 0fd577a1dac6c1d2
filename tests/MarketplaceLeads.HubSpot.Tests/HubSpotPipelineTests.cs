using System;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MarketplaceLeads.HubSpot.Tests;

/// <summary>The HubSpot sink in a real pipeline (its retries, batching and dead letters) against the loopback server, and the docs' example.</summary>
public sealed class HubSpotPipelineTests
{
    [Fact]
    public async Task MultiStatusRefusesOneLead_ItIsDeadLetteredAlone_TheOthersAreDelivered()
    {
        await using var server = await HubSpotServer.StartAsync();
        var leads = TestLeads.People(3);
        var refused = new CustomerProfileId(leads[1].Id).ToString();
        server.InputError = trace => trace == refused ? Fixtures.ValidationErrorFor(trace) : null;
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(b => b.AddHubSpotSink(server.Configure).AddObserver(observer), o => o.BatchDelay = TimeSpan.FromMilliseconds(200));

        foreach (var lead in leads)
        {
            await harness.Processor.SubmitAsync(lead);
        }

        await observer.WaitAsync(o => o.DeliveredLeads == 2 && !o.DeadLetters.IsEmpty, TimeSpan.FromSeconds(20));

        var deadLetter = Assert.Single(observer.DeadLetters);
        Assert.Equal(leads[1].Id, deadLetter.Lead?.Id);
        Assert.Contains("VALIDATION_ERROR", deadLetter.ExceptionMessage, StringComparison.Ordinal);
        Assert.Equal(2, server.Contacts.Count);
    }

    [Fact]
    public async Task EachDeliveredLead_IsReportedWithItsContactId_ForPartnerCentersWriteBack()
    {
        // ILeadRecordSink: after each batch the pipeline raises OnRecordWritten with the contact id the batch upsert answered
        // (what Partner Center's write-back puts into the referral's externalReferenceId).
        await using var server = await HubSpotServer.StartAsync();
        var leads = TestLeads.People(3);
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(b => b.AddHubSpotSink(server.Configure).AddObserver(observer), o => o.BatchDelay = TimeSpan.FromMilliseconds(200));

        foreach (var lead in leads)
        {
            await harness.Processor.SubmitAsync(lead);
        }

        await observer.WaitAsync(o => o.DeliveredLeads == 3 && o.Records.Count == 3, TimeSpan.FromSeconds(20));

        foreach (var lead in leads)
        {
            var (_, _, recordId) = Assert.Single(observer.Records, r => r.Lead == lead.Id);
            Assert.Equal(server.Contacts[new CustomerProfileId(lead.Id).ToString()].Id, recordId);
        }
    }

    [Fact]
    public async Task DocExample_DeliversALeadIntoTheAccount_WithTheTokenFromConfiguration()
    {
        await using var server = await HubSpotServer.StartAsync();
        string[] args = [$"--HubSpot:AccessToken={HubSpotServer.Token}", $"--HubSpot:ApiUrl={server.BaseAddress}"];

        // DOCS:hubspot
        var builder = Host.CreateApplicationBuilder(args);
        var hubspot = builder.Configuration.GetSection("HubSpot");      // secrets from configuration / a secret store
        builder.Services.AddMarketplaceLeads().AddHubSpotSink(o =>
        {
            o.AccessToken = hubspot["AccessToken"];                       // private app access token or service key
            o.ApiUrl = new Uri(hubspot["ApiUrl"] ?? "https://api.hubapi.com/");
            o.IdProperty = "marketplace_profile_id";                      // contact property, unique values
            o.AccountTimeZone = "America/New_York";                       // when the DAILY limit resets
            o.CreateReplyTasks = true;                                    // a task due at each "Contact me" lead's reply-by time
        });
        using var host = builder.Build();
        await host.StartAsync();
        // DOCS:end

        await host.Services.GetRequiredService<ILeadPipeline>().SubmitAsync(TestLeads.Person(1));
        await Polling.WaitAsync(() => !server.Associations.IsEmpty, TimeSpan.FromSeconds(20), () => "the contact and its task did not reach the server");
        await host.StopAsync();

        var contact = Assert.Single(server.Contacts).Value.Properties;
        Assert.Equal("Person1", (string?)contact["firstname"]);
        Assert.Single(server.Tasks);
    }

    [Fact]
    public void Docs_ShowTheCodeThatRunsHere() =>
        Assert.True(
            DocRegions.PageShows("docs/crm.md", "tests/MarketplaceLeads.HubSpot.Tests/HubSpotPipelineTests.cs", "hubspot"),
            "docs/crm.md has no ```csharp block equal to the DOCS:hubspot region:\n" + DocRegions.Code("tests/MarketplaceLeads.HubSpot.Tests/HubSpotPipelineTests.cs", "hubspot"));
}
