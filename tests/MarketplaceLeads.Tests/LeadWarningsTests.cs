using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Xunit;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.Tests;

public sealed class LeadWarningsTests
{
    private static readonly LeadReader Reader = new();

    private static Lead Read(string json) => Reader.ReadHttpsPayload(Encoding.UTF8.GetBytes(json)).Lead!;

    private static LeadWarningKind[] Kinds(Lead lead) => [.. lead.Warnings.Select(static w => w.Kind)];

    [Fact]
    public void ReadHttpsPayload_LeadSourceInsButActionCodePlt_WarnsAndTakesTheLeadSourceAction()
    {
        var lead = Read("""{"LeadSource":"AzureMarketplace-INS | contoso.backup","ActionCode":"PLT","UserDetails":{"Email":"a@fabrikam.example"}}""");

        var warning = Assert.Single(lead.Warnings);
        Assert.Equal(LeadWarningKind.ActionCodeMismatch, warning.Kind);
        Assert.Equal("ActionCode", warning.Field);
        Assert.Equal("LeadSource says INS (Install) but ActionCode says PLT (PartnerLedTrial); Lead.Action is Install (the action in LeadSource wins)", warning.Message);
        Assert.Equal(LeadAction.Install, lead.Action);
    }

    [Theory]
    [InlineData("AzureMarketplace-INS | contoso.backup", "DNC")]
    [InlineData("AppSource-DNC | contoso.backup", "PLT")]
    [InlineData("AppSource-DNC | contoso.backup", "INS")]
    public void Action_DoNotContactInEitherField_WinsAndIsReported(string leadSource, string actionCode)
    {
        var lead = Read($$"""{"LeadSource":"{{leadSource}}","ActionCode":"{{actionCode}}"}""");

        Assert.Equal(LeadAction.DoNotContact, lead.Action);
        Assert.Equal(FunnelStage.Suppressed, lead.Stage);
        var warning = Assert.Single(lead.Warnings);
        Assert.Equal(LeadWarningKind.ActionCodeMismatch, warning.Kind);
        Assert.EndsWith("Lead.Action is DoNotContact (do-not-contact from either field wins)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Action_UnknownActionInLeadSource_TakesActionCode()
    {
        var lead = Read("""{"LeadSource":"AppSource-Subscribe | contoso.backup","ActionCode":"PLT"}""");

        Assert.Equal(LeadAction.PartnerLedTrial, lead.Action);
        var warning = Assert.Single(lead.Warnings);
        Assert.Equal(LeadWarningKind.ActionCodeMismatch, warning.Kind);
        Assert.Equal("LeadSource says an action the SDK does not know but ActionCode says PLT (PartnerLedTrial); Lead.Action is PartnerLedTrial (the action in LeadSource is not one the SDK knows)", warning.Message);
    }

    [Theory]
    [InlineData("https-test-lead.json")]
    [InlineData("https-contact-me.json")]
    [InlineData("https-portal-create.json")]
    public void DocumentedPayloads_HaveNoWarnings(string sample)
    {
        var lead = Reader.ReadHttpsPayload(File.ReadAllBytes(RepositoryPaths.PayloadSample(sample))).Lead!;

        Assert.Empty(lead.Warnings);
    }

    [Fact]
    public void BareSourceWithActionCode_IsTheDocumentedForm_NotAWarning()
    {
        var lead = Read("""{"LeadSource":"AzureMarketplace","ActionCode":"INS","UserDetails":{"Email":"a@fabrikam.example"}}""");

        Assert.Empty(lead.Warnings);
        Assert.Equal(MarketplaceSource.AzureMarketplace, lead.Source);
        Assert.Equal(LeadAction.Install, lead.Action);
    }

    [Fact]
    public void NoLeadSource_WarnsMissingLeadSource_AndUnknownActionWithoutActionCode()
    {
        Assert.Equal([LeadWarningKind.MissingLeadSource], Kinds(Read("""{"ActionCode":"PLT"}""")));
        Assert.Equal([LeadWarningKind.MissingLeadSource], Kinds(Read("""{"LeadSource":"  ","ActionCode":"PLT"}""")));
        Assert.Equal([LeadWarningKind.MissingLeadSource, LeadWarningKind.UnknownAction], Kinds(Read("""{"OfferTitle":"Contoso"}""")));
    }

    [Fact]
    public void UnparseableLeadSource_WarnsInvalidLeadSource_WithoutQuotingIt()
    {
        var lead = Read("""{"LeadSource":"call ana@fabrikam.example","ActionCode":"INS"}""");

        var warning = Assert.Single(lead.Warnings);
        Assert.Equal(LeadWarningKind.InvalidLeadSource, warning.Kind);
        Assert.Equal("LeadSource", warning.Field);
        Assert.DoesNotContain("ana@", warning.Message, StringComparison.Ordinal);
        Assert.Equal("call ana@fabrikam.example", lead.LeadSourceText);
    }

    [Fact]
    public void NoKnownActionInEitherField_WarnsUnknownAction()
    {
        var lead = Read("""{"LeadSource":"AzureMarketplace","ActionCode":"Subscribe"}""");

        Assert.Equal([LeadWarningKind.UnknownAction], Kinds(lead));
        Assert.Equal(LeadAction.Unknown, lead.Action);
    }

    [Fact]
    public void InvalidCustomerFields_AreWarnings_WithoutTheValues()
    {
        var lead = Read("""{"LeadSource":"AppSource-PLT | contoso.crm","UserDetails":{"FirstName":"Ana","Email":"ana at fabrikam","Phone":"call me maybe","Country":"Atlantis"}}""");

        Assert.Equal([LeadWarningKind.InvalidEmail, LeadWarningKind.InvalidPhone, LeadWarningKind.UnknownCountry], Kinds(lead));
        Assert.Equal(["UserDetails.Email", "UserDetails.Phone", "UserDetails.Country"], lead.Warnings.Select(static w => w.Field));
        Assert.All(lead.Warnings, w => Assert.DoesNotContain("fabrikam", w.Message, StringComparison.Ordinal));
        Assert.All(lead.Warnings, w => Assert.DoesNotContain("Atlantis", w.Message, StringComparison.Ordinal));
        Assert.All(lead.Warnings, w => Assert.DoesNotContain("maybe", w.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void MissingCustomerFields_AreNotWarnings()
    {
        Assert.Empty(Read("""{"LeadSource":"AppSource-PLT | contoso.crm","UserDetails":{}}""").Warnings);
    }

    [Fact]
    public void TestLeadPlaceholders_AreNotWarnings()
    {
        var lead = Read("""{"LeadSource":"AzureMarketplace","ActionCode":"INS","UserDetails":{"FirstName":"MSFT_TEST_636573304831318844","Phone":"1234567890","Country":"US"}}""");

        Assert.True(lead.IsTestLead);
        Assert.Empty(lead.Warnings);
    }

    [Fact]
    public void ReplacementCharacter_IsReportedPerField_IncludingAdditionalProperties()
    {
        var lead = Read("""{"LeadSource":"AppSource-PLT | contoso.crm","Description":"caf\uFFFD","UserDetails":{"LastName":"Garc\uFFFDa"},"CampaignId":"x\uFFFD"}""");

        Assert.All(lead.Warnings, w => Assert.Equal(LeadWarningKind.ReplacementCharacter, w.Kind));
        Assert.Equal(["Description", "UserDetails.LastName", "CampaignId"], lead.Warnings.Select(static w => w.Field));
    }

    [Fact]
    public void Warnings_AreCachedAndSharedWhenEmpty_AndAWithCopyRecomputesThem()
    {
        var bad = Read("""{"LeadSource":"AppSource-PLT | contoso.crm","UserDetails":{"Email":"not an address"}}""");
        var good = Read("""{"LeadSource":"AppSource-INS | contoso.crm"}""");

        Assert.Same(bad.Warnings, bad.Warnings);
        Assert.Same(good.Warnings, Read("""{"LeadSource":"AzureMarketplace-INS | contoso.vm"}""").Warnings);
        Assert.Equal([LeadWarningKind.InvalidEmail], Kinds(bad));
        var fixedCopy = bad with { Customer = new CustomerInfo { Email = "ana@fabrikam.example" } };
        Assert.Empty(fixedCopy.Warnings);
        var mismatched = good with { ActionCode = "PLT" };
        Assert.Equal([LeadWarningKind.ActionCodeMismatch], Kinds(mismatched));
    }

    [Fact]
    public void WithCopy_KeepsEveryField()
    {
        var lead = Read("""{"LeadSource":"AppSource-PLT | contoso.crm","ActionCode":"PLT","OfferTitle":"CRM","Description":"d","UserDetails":{"Email":"a@b.example"},"Extra":1}""")
            with
            { CreatedAt = DateTimeOffset.UnixEpoch, Channel = LeadChannel.Csv };

        var copy = lead with { };

        Assert.Equal(lead, copy);
        Assert.Same(lead.AdditionalProperties, copy.AdditionalProperties);
        Assert.Equal(lead.RawPayload, copy.RawPayload);
    }

    [Property(Arbitrary = [typeof(LeadGenerators)], MaxTest = 300)]
    public void Warnings_FollowTheRules_AndNeverQuoteTheLead(Lead lead)
    {
        var warnings = lead.Warnings;

        Assert.Equal(lead.Action == LeadAction.Unknown, warnings.Any(static w => w.Kind == LeadWarningKind.UnknownAction));
        Assert.Equal(string.IsNullOrWhiteSpace(lead.LeadSourceText) && lead.LeadSource.IsEmpty, warnings.Any(static w => w.Kind == LeadWarningKind.MissingLeadSource));
        Assert.Equal(warnings.OrderBy(static w => w.Kind).Select(static w => w.Kind), warnings.Select(static w => w.Kind));
        if (warnings.Any(static w => w.Kind == LeadWarningKind.ActionCodeMismatch))
        {
            Assert.True(lead.Action == LeadAction.DoNotContact || lead.Action == lead.LeadSource.Action || lead.LeadSource.Action == LeadAction.Unknown);
        }

        string?[] values = [lead.Description, lead.OfferTitle, lead.Customer.FirstName, lead.Customer.LastName, lead.Customer.Email, lead.Customer.Company, lead.Customer.Title];
        foreach (var value in values.Where(static v => v is { Length: >= 6 } && v.Trim().Length >= 6))
        {
            Assert.All(warnings, w => Assert.DoesNotContain(value!, w.Message, StringComparison.Ordinal));
        }

        Assert.Equal(warnings, (lead with { }).Warnings);
    }

    [Fact]
    public async Task Pipeline_AcceptedLeadWithWarnings_LogsThemByIdAndKind_AndCountsThemByKind()
    {
        var logs = new CollectingLoggerProvider();
        var measurements = new ConcurrentQueue<(string Name, long Value, KeyValuePair<string, object?>[] Tags)>();
        using var listener = new MeterListener();
        var sink = new InMemoryLeadSink();
        await using var harness = PipelineHarness.Create(
            b => b.AddSink(sink, "memory"),
            services: s =>
            {
                s.AddMetrics();
                s.AddLogging(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
            });
        var factory = harness.Provider.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "marketplace_leads.warnings" && instrument.Meter.Scope == factory)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        listener.Start();
        var lead = Read("""{"LeadSource":"AzureMarketplace-INS | contoso.backup","ActionCode":"PLT","UserDetails":{"FirstName":"Zelda","Email":"zelda at hyrule","Phone":"+1 425 555 0199"}}""");

        await harness.Processor.SubmitAsync(lead);
        await harness.Processor.SubmitAsync(lead);
        await harness.Processor.StopAsync();

        var id = lead.Id.ToString();
        var messages = logs.Messages.Select(static m => m.Message).ToList();
        Assert.Single(messages, m => m.Contains(id, StringComparison.Ordinal) && m.Contains("ActionCodeMismatch", StringComparison.Ordinal));
        Assert.Single(messages, m => m.Contains(id, StringComparison.Ordinal) && m.Contains("InvalidEmail", StringComparison.Ordinal) && m.Contains("UserDetails.Email", StringComparison.Ordinal));
        Assert.DoesNotContain(messages, m => m.Contains("Zelda", StringComparison.Ordinal) || m.Contains("hyrule", StringComparison.Ordinal) || m.Contains("555", StringComparison.Ordinal));
        Assert.Equal(2, measurements.Sum(static m => m.Value));
        Assert.Contains(measurements, m => m.Tags.Contains(new KeyValuePair<string, object?>("kind", "ActionCodeMismatch")));
        Assert.Contains(measurements, m => m.Tags.Contains(new KeyValuePair<string, object?>("kind", "InvalidEmail")));
    }
}
