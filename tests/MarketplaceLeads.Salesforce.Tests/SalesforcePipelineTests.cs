using System;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace MarketplaceLeads.Salesforce.Tests;

/// <summary>The Salesforce sink in a real pipeline (its retries, batching and dead letters) against the loopback server, and the docs' example.</summary>
public sealed class SalesforcePipelineTests
{
    [Fact]
    public async Task DuplicateRuleBlocksOneLead_ItIsDeadLetteredAlone_WithTheRecordIds_TheOthersAreDelivered()
    {
        await using var server = await SalesforceServer.StartAsync();
        var leads = TestLeads.People(3);
        var blocked = new CustomerProfileId(leads[1].Id).ToString();
        server.RecordResult = key => key == blocked ? Fixtures.DuplicatesDetectedResult("00Q5e00000AbCdEFGH") : null;
        server.Intercept = (request, context) => request.Path.EndsWith(blocked, StringComparison.Ordinal)
            ? server.AnswerAsync(context, 400, Fixtures.DuplicatesDetected("00Q5e00000AbCdEFGH"))
            : Task.FromResult(false);
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(b => b.AddSalesforceSink(server.Configure).AddObserver(observer), o => o.BatchDelay = TimeSpan.FromMilliseconds(200));

        foreach (var lead in leads)
        {
            await harness.Processor.SubmitAsync(lead);
        }

        await observer.WaitAsync(o => o.DeliveredLeads == 2 && !o.DeadLetters.IsEmpty, TimeSpan.FromSeconds(20));

        var deadLetter = Assert.Single(observer.DeadLetters);
        Assert.Equal(leads[1].Id, deadLetter.Lead?.Id);
        Assert.Equal(typeof(SalesforceRecordConflictException).FullName, deadLetter.ExceptionType);
        Assert.Contains("00Q5e00000AbCdEFGH", deadLetter.ExceptionMessage, StringComparison.Ordinal);
        Assert.Equal(2, server.Leads.Count);
    }

    [Fact]
    public async Task EachDeliveredLead_IsReportedWithItsLeadRecordId_ForPartnerCentersWriteBack()
    {
        // ILeadRecordSink: after each batch the pipeline raises OnRecordWritten with the Lead record id the upsert answered
        // (what Partner Center's write-back puts into the referral's externalReferenceId). Three leads in one batch
        // (the sObject Collections upsert), then one alone (the single upsert).
        await using var server = await SalesforceServer.StartAsync();
        var leads = TestLeads.People(4);
        var observer = new RecordingObserver();
        await using var harness = PipelineHarness.Create(b => b.AddSalesforceSink(server.Configure).AddObserver(observer), o => o.BatchDelay = TimeSpan.FromMilliseconds(300));

        foreach (var lead in leads[..3])
        {
            await harness.Processor.SubmitAsync(lead);
        }

        await observer.WaitAsync(o => o.DeliveredLeads == 3, TimeSpan.FromSeconds(20));
        await harness.Processor.SubmitAsync(leads[3]);
        await observer.WaitAsync(o => o.DeliveredLeads == 4 && o.Records.Count == 4, TimeSpan.FromSeconds(20));

        foreach (var lead in leads)
        {
            var (_, _, recordId) = Assert.Single(observer.Records, r => r.Lead == lead.Id);
            Assert.Equal(server.Leads[new CustomerProfileId(lead.Id).ToString()].Id, recordId);
            Assert.StartsWith("00Q", recordId, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task DocExample_DeliversALeadIntoTheOrg_WithTheSettingsFromConfiguration()
    {
        await using var server = await SalesforceServer.StartAsync();
        string[] args =
        [
            $"--Salesforce:MyDomainUrl={server.BaseAddress}",
            $"--Salesforce:ClientId={SalesforceServer.ClientId}",
            $"--Salesforce:ClientSecret={SalesforceServer.ClientSecret}",
        ];

        // DOCS:salesforce
        var builder = Host.CreateApplicationBuilder(args);
        var salesforce = builder.Configuration.GetSection("Salesforce");  // secrets from configuration / a secret store
        builder.Services.AddMarketplaceLeads().AddSalesforceSink(o =>
        {
            o.MyDomainUrl = new Uri(salesforce["MyDomainUrl"]!);          // https://contoso.my.salesforce.com
            o.ClientId = salesforce["ClientId"]!;                         // the connected app's consumer key
            o.ClientSecret = salesforce["ClientSecret"];
            o.ExternalIdField = "MarketplaceProfileId__c";                // External ID, Unique, Text(32)
            o.CreateReplyTasks = true;                                    // a Task due at each "Contact me" lead's reply-by time
            o.Mapping.Offer = "Offer__c";                                 // your own fields, or null
        });
        using var host = builder.Build();
        await host.StartAsync();
        // DOCS:end

        await host.Services.GetRequiredService<ILeadPipeline>().SubmitAsync(TestLeads.Person(1));
        await Polling.WaitAsync(() => !server.Tasks.IsEmpty, TimeSpan.FromSeconds(20), () => "the lead and its task did not reach the server");
        await host.StopAsync();

        var record = Assert.Single(server.Leads).Value.Fields;
        Assert.Equal("Person1", (string?)record["FirstName"]);
        Assert.Equal("contoso.contoso-analytics", (string?)record["Offer__c"]);
    }

    [Fact]
    public void Docs_ShowTheCodeThatRunsHere() =>
        Assert.True(
            DocRegions.PageShows("docs/crm.md", "tests/MarketplaceLeads.Salesforce.Tests/SalesforcePipelineTests.cs", "salesforce"),
            "docs/crm.md has no ```csharp block equal to the DOCS:salesforce region:\n" + DocRegions.Code("tests/MarketplaceLeads.Salesforce.Tests/SalesforcePipelineTests.cs", "salesforce"));
}
