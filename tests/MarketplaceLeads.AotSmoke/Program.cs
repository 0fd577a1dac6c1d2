using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.AotSmoke;

/// <summary>
/// Exercises the library as an application would, to prove it works when published with NativeAOT:
/// LeadSource parsing (UTF-16, UTF-8, views), the HTTPS-endpoint payload reader, the normalised
/// customer views (libphonenumber included), JSON Lines and HTTPS payload round trips, and Azure
/// Table rows, the Dataverse, Salesforce and HubSpot sinks, the alert notifiers (HTTP and SMTP), the Partner Center source and the dashboard (a tiny ASP.NET Core host). Prints one line per check; exit code 0 only when every check passes, 1 otherwise.
/// Usage: <c>MarketplaceLeads.AotSmoke [--expect-native]</c>; with <c>--expect-native</c> it also
/// fails unless it runs as a NativeAOT binary (no dynamic code), so a script cannot test the JIT
/// build by mistake.
/// </summary>
public static class Program
{
    // https-contact-me.json from samples/payloads/ (invented person, documented field layout).
    private static ReadOnlySpan<byte> ContactMePayload => """
        {
          "UserDetails": {
            "FirstName": "Ana",
            "LastName": "García",
            "Email": "ana.garcia@fabrikam.example",
            "Phone": "+34 912 345 678",
            "Country": "ES",
            "Company": "Fabrikam Iberia S.L.",
            "Title": "Head of IT"
          },
          "LeadSource": "AppSource-PLT | contoso.contoso-crm-connector",
          "ActionCode": "PLT",
          "OfferTitle": "Contoso CRM Connector",
          "Description": "We need a connector for 300 sales users, please call me this week."
        }
        """u8;

    // https-portal-create.json from samples/payloads/: a national phone number and a country name.
    private static ReadOnlySpan<byte> PortalCreatePayload => """
        {
          "UserDetails": {
            "FirstName": "John",
            "LastName": "Smith",
            "Email": "John.Smith@Northwind.example",
            "Phone": "(425) 555-0100",
            "Country": "United States",
            "Company": "Northwind Traders, Inc.",
            "Title": "CTO"
          },
          "LeadSource": "AzurePortal-Create|contoso.contoso-analytics",
          "ActionCode": "Create",
          "OfferTitle": "Contoso Analytics"
        }
        """u8;

    // https-test-lead.json from samples/payloads/: Microsoft's documented test lead.
    private static ReadOnlySpan<byte> TestLeadPayload => """
        {
          "userDetails": {
            "FirstName": "MSFT_TEST_636573304831318844",
            "LastName": "MSFT_TEST_636573304831318844",
            "Email": "MSFT_TEST_636573304831318844@test.com",
            "Phone": "1234567890",
            "Country": "US",
            "Company": "MSFT_TEST_636573304831318844",
            "Title": "MSFT_TEST_636573304831318844"
          },
          "LeadSource": "AzureMarketplace",
          "ActionCode": "INS",
          "OfferTitle": "Contoso Test",
          "Description": "MSFT_TEST_636573304831318844"
        }
        """u8;

    public static async Task<int> Main(string[] args)
    {
        var expectNative = args.Contains("--expect-native", StringComparer.Ordinal);
        var run = new SmokeRun(Console.Out);

        // PublishAot also turns IsDynamicCodeSupported off in JIT builds (runtimeconfig switch), so it
        // cannot tell the two apart; a JIT runtime has compiled at least Main, NativeAOT compiles nothing.
        var jitCompiledMethods = JitInfo.GetCompiledMethodCount();
        Console.WriteLine($"aot-smoke: {(jitCompiledMethods == 0 ? "NativeAOT" : "JIT")} runtime ({jitCompiledMethods} methods JIT-compiled), {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.RuntimeIdentifier}");
        if (expectNative)
        {
            run.Check("runtime is NativeAOT (no JIT-compiled methods)", e => e.Equal(0L, jitCompiledMethods, "JitInfo.GetCompiledMethodCount()"));
        }

        CheckLeadSource(run);
        var contactMe = CheckHttpsPayloads(run);
        CheckNormalisation(run);
        await CheckJsonLinesAsync(run, contactMe);
        CheckTableRow(run);
        await CheckDeduplicationAsync(run);
        await CheckPipelineAsync(run);
        await DataverseSmoke.CheckAsync(run, contactMe);
        await SalesforceSmoke.CheckAsync(run, contactMe);
        await HubSpotSmoke.CheckAsync(run, contactMe);
        await NotifierSmoke.CheckAsync(run, contactMe);
        await PartnerCenterSmoke.CheckAsync(run);
        await DashboardSmoke.CheckAsync(run, contactMe);

        Console.WriteLine($"aot-smoke: {run.Passed} passed, {run.Failed} failed");
        return run.Failed == 0 && run.Passed > 0 ? 0 : 1;
    }

    private static void CheckLeadSource(SmokeRun run)
    {
        const string Text = "AzureMarketplace-INS | docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145";

        run.Check("LeadSource.Parse(string) reads source, action and offer", e =>
        {
            var source = LeadSource.Parse(Text);
            e.Equal(MarketplaceSource.AzureMarketplace, source.Source, "Source");
            e.Equal(LeadAction.Install, source.Action, "Action");
            e.Equal("docusign", source.Offer.PublisherId, "Offer.PublisherId");
            e.Equal("3701c77e-1cfa-4c56-91e6-3ed0b622145", source.Offer.OfferId, "Offer.OfferId");
            e.Equal(LeadSource.Parse(source.ToString()), source, "Parse(ToString()) round trip");
        });

        run.Check("LeadSource.TryParse(ReadOnlySpan<char>) handles spacing and case", e =>
        {
            e.True(LeadSource.TryParse("  appsource-plt|contoso.contoso-crm-connector ".AsSpan(), out var source), "TryParse returned false");
            e.Equal(MarketplaceSource.AppSource, source.Source, "Source");
            e.Equal(LeadAction.PartnerLedTrial, source.Action, "Action");
            e.Equal(new MarketplaceOffer("contoso", "contoso-crm-connector"), source.Offer, "Offer");
        });

        run.Check("LeadSource.TryParse(ReadOnlySpan<byte>) UTF-8 equals UTF-16", e =>
        {
            e.True(LeadSource.TryParse("AzureMarketplace-INS | docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145"u8, out var utf8), "TryParse(UTF-8) returned false");
            e.Equal(LeadSource.Parse(Text), utf8, "UTF-8 result");
            Span<byte> buffer = stackalloc byte[128];
            e.True(utf8.TryFormat(buffer, out var written), "TryFormat(UTF-8) returned false");
            e.Equal(utf8, LeadSource.Parse(buffer[..written]), "Parse(TryFormat(UTF-8)) round trip");
        });

        run.Check("LeadSource rejects bad text without throwing; Parse throws FormatException", e =>
        {
            e.True(!LeadSource.TryParse("AzureMarketplace-INS no bar", out _), "TryParse accepted text without '|'");
            ReadOnlySpan<byte> invalidUtf8 = [(byte)'A', 0xFF, (byte)'-', (byte)'I', (byte)'|', (byte)'a', (byte)'.', (byte)'b'];
            e.True(!LeadSource.TryParse(invalidUtf8, out _), "TryParse accepted invalid UTF-8");
            try
            {
                LeadSource.Parse("| a.b");
                e.Fail("Parse(\"| a.b\") did not throw");
            }
            catch (FormatException ex)
            {
                e.True(ex.Message.Length > 0, "FormatException without a message");
            }
        });

        run.Check("LeadSource parses a UTF-16 span, from the cache the second time", e =>
        {
            var text = "AzurePortal-Create | contoso.contoso-analytics".AsSpan();
            e.True(LeadSource.TryParse(text, out var first), "TryParse returned false");
            e.True(LeadSource.TryParse(text, out var value), "the second TryParse returned false");
            e.Equal(first, value, "second parse");
            e.Equal(MarketplaceSource.AzurePortal, value.Source, "Source");
            e.Equal(LeadAction.Create, value.Action, "Action");
            e.Equal("AzurePortal", value.SourceText, "SourceText");
            e.Equal("Create", value.ActionText, "ActionText");
            e.Equal("contoso", value.Offer.PublisherId, "PublisherId");
            e.Equal("contoso-analytics", value.Offer.OfferId, "OfferId");
            e.Equal(LeadSource.Parse("AzurePortal-Create|contoso.contoso-analytics"), value, "Parse of the compact form");
        });

        run.Check("LeadSource parses UTF-8, from the cache the second time", e =>
        {
            var utf8 = "SPZA-PLT | contoso.contoso-crm-connector"u8;
            e.True(LeadSource.TryParse(utf8, out var first), "TryParse returned false");
            e.True(LeadSource.TryParse(utf8, out var value), "the second TryParse returned false");
            e.Equal(first, value, "second parse");
            e.Equal(MarketplaceSource.AppSource, value.Source, "Source");
            e.Equal(LeadAction.PartnerLedTrial, value.Action, "Action");
            e.Equal("AppSource", value.SourceText, "SourceText");
            e.True(value.Offer.IsPublisherOfferId, "IsPublisherOfferId");
            e.Equal("contoso-crm-connector", value.Offer.OfferId, "OfferId");
        });
    }

    private static Lead? CheckHttpsPayloads(SmokeRun run)
    {
        Lead? contactMe = null;
        run.Check("LeadReader.ReadHttpsPayload reads the embedded sample", e =>
        {
            var result = new LeadReader().ReadHttpsPayload(ContactMePayload);
            e.True(result.IsSuccess, $"not read: {result.Error?.Reason}");
            contactMe = result.Lead;
            if (contactMe is null)
            {
                return;
            }

            e.Equal(LeadChannel.HttpsEndpoint, contactMe.Channel, "Channel");
            e.Equal(MarketplaceSource.AppSource, contactMe.Source, "Source");
            e.Equal(LeadAction.PartnerLedTrial, contactMe.Action, "Action");
            e.Equal(FunnelStage.Interest, contactMe.Stage, "Stage");
            e.Equal("contoso.contoso-crm-connector", contactMe.Offer.ToString(), "Offer");
            e.Equal("Contoso CRM Connector", contactMe.OfferTitle, "OfferTitle");
            e.Equal("García", contactMe.Customer.LastName, "Customer.LastName (non-ASCII)");
            e.Equal("Fabrikam Iberia S.L.", contactMe.Customer.Company, "Customer.Company");
            e.True(!contactMe.Id.IsEmpty, "Id is empty");
            e.True(!contactMe.IsTestLead, "a real lead was taken for a test lead");
        });

        run.Check("LeadReader.ReadHttpsPayload flags Microsoft's test lead", e =>
        {
            var lead = new LeadReader().ReadHttpsPayload(TestLeadPayload).Lead;
            e.True(lead is not null, "not read");
            e.True(lead?.IsTestLead == true, "IsTestLead is false");
            e.Equal(MarketplaceSource.AzureMarketplace, lead?.Source, "Source (from a source-only LeadSource)");
            e.Equal(LeadAction.Install, lead?.Action, "Action (from ActionCode)");
        });

        run.Check("LeadReader.ReadHttpsPayloads reads an array and reports a bad element", e =>
        {
            var body = Encoding.UTF8.GetBytes("[" + Encoding.UTF8.GetString(ContactMePayload) + "," + Encoding.UTF8.GetString(PortalCreatePayload) + ",42]");
            var results = new LeadReader(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport }).ReadHttpsPayloads(body);
            e.Equal(3, results.Count, "results");
            e.True(results.Count == 3 && results[0].IsSuccess && results[1].IsSuccess, "first two not read");
            e.True(results.Count == 3 && !results[2].IsSuccess && !string.IsNullOrEmpty(results[2].Error?.Reason), "the element 42 not reported");
            e.Equal(LeadAction.Create, results.Count > 1 ? results[1].Lead?.Action : null, "second lead's Action");
        });

        run.Check("LeadReader throws LeadReadException on malformed JSON (Throw policy)", e =>
        {
            try
            {
                new LeadReader().ReadHttpsPayload("{\"LeadSource\": "u8);
                e.Fail("no exception");
            }
            catch (LeadReadException ex)
            {
                e.Equal(LeadChannel.HttpsEndpoint, ex.Error.Channel, "Error.Channel");
                e.True(ex.Error.Reason.Length > 0, "Error.Reason is empty");
            }
        });

        return contactMe;
    }

    private static async Task CheckDeduplicationAsync(SmokeRun run)
    {
        static Lead Make(string first, string email, string action, int minutes)
        {
            var customer = new CustomerInfo { FirstName = first, LastName = "Smith", Email = email };
            var text = $"AppSource-{action} | contoso.crm";
            return new Lead
            {
                Id = LeadId.FromContent(text, action, "contoso.crm", null, customer),
                LeadSource = LeadSource.Parse(text),
                Customer = customer,
                ReceivedAt = new DateTimeOffset(2026, 3, 2, 9, minutes, 0, TimeSpan.Zero),
            };
        }

        var leads = new[] { Make("Robert", "bob.smith@gmail.com", "PLT", 0), Make("Bob", "BobSmith+x@googlemail.com", "DNC", 1), Make("Ann", "ann@fabrikam.example", "PLT", 2) };

        run.Check("LeadDeduplicator merges Gmail variants, keeps DNC sticky (batch)", e =>
        {
            var result = new LeadDeduplicator().Deduplicate(leads);
            e.Equal(2, result.Profiles.Count, "Profiles.Count");
            e.True(result.Profiles.Any(p => p.Leads.Count == 2 && p.DoNotContact), "a two-lead DNC profile");
        });

        var services = new ServiceCollection();
        services.AddMarketplaceLeads().UseDeduplication(o => o.MaxBlockSize = 50);
        await using var provider = services.BuildServiceProvider();
        var deduplicator = provider.GetRequiredService<ILeadDeduplicator>();
        var decisions = new List<DeduplicationDecision>();
        foreach (var lead in leads)
        {
            decisions.Add(await deduplicator.AddAsync(lead));
        }

        run.Check("AddMarketplaceLeads().UseDeduplication() resolves; AddAsync joins the same person", e =>
        {
            e.Equal(DeduplicationOutcome.NewProfile, decisions[0].Outcome, "first outcome");
            e.Equal(DeduplicationOutcome.JoinedProfile, decisions[1].Outcome, "second outcome");
            e.Equal(DeduplicationOutcome.NewProfile, decisions[2].Outcome, "third outcome");
        });
    }

    private static async Task CheckPipelineAsync(SmokeRun run)
    {
        var folder = Directory.CreateTempSubdirectory("aot-smoke-");
        try
        {
            var memory = new InMemoryLeadSink();
            var delegated = 0;
            var services = new ServiceCollection();
            services.AddMarketplaceLeads(o => o.BatchDelay = TimeSpan.Zero)
                .AddSink(memory, "memory")
                .AddSink((batch, _) =>
                {
                    delegated += batch.Count;
                    return ValueTask.CompletedTask;
                })
                .AddJsonLinesFileSink(o => o.Path = Path.Combine(folder.FullName, "leads.jsonl"));
            IReadOnlyList<LeadSubmitResult> results;
            await using (var provider = services.BuildServiceProvider())
            {
                provider.GetRequiredService<IStartupValidator>().Validate();
                var processor = provider.GetRequiredService<ILeadPipeline>();
                var body = Encoding.UTF8.GetBytes("[" + Encoding.UTF8.GetString(ContactMePayload) + "," + Encoding.UTF8.GetString(PortalCreatePayload) + ", 42]");
                var submitted = new List<LeadSubmitResult>();
                foreach (var record in new LeadReader(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport }).ReadHttpsPayloads(body))
                {
                    submitted.Add(await processor.SubmitAsync(record));
                }

                results = submitted;
            }

            run.Check("AddMarketplaceLeads().AddSink(...): submitted leads reach every sink; a bad record is rejected", e =>
            {
                e.Equal("Accepted,Accepted,Rejected", string.Join(",", results.Select(r => r.Status)), "statuses");
                e.Equal(2, memory.Count, "in-memory sink count");
                e.Equal(2, delegated, "delegate sink count");
                e.Equal(2, File.ReadAllLines(Path.Combine(folder.FullName, "leads.jsonl")).Length, "JSON Lines file lines");
                e.Equal(DeduplicationOutcome.NewProfile, memory.GetDeliveries()[0].Outcome, "first outcome");
            });
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        run.Check("MarketplaceLeadsOptions are validated by the source-generated validator, naming property and value", e =>
        {
            var services = new ServiceCollection();
            services.AddMarketplaceLeads(o => o.QueueCapacity = 0).AddSink(new InMemoryLeadSink());
            using var provider = services.BuildServiceProvider();
            try
            {
                provider.GetRequiredService<IStartupValidator>().Validate();
                e.True(false, "validation failed");
            }
            catch (OptionsValidationException error)
            {
                e.True(error.Message.Contains("QueueCapacity must be between 1 and 10,000,000; it is 0.", StringComparison.Ordinal), "message: " + error.Message);
            }
        });
    }

    private static void CheckNormalisation(SmokeRun run)
    {
        run.Check("CustomerInfo normalises e-mail, E.164 phone (ES) and country code", e =>
        {
            var customer = new LeadReader().ReadHttpsPayload(ContactMePayload).Lead?.Customer ?? CustomerInfo.Empty;
            e.Equal("ana.garcia@fabrikam.example", customer.NormalizedEmail, "NormalizedEmail");
            e.Equal(FieldStatus.Valid, customer.EmailStatus, "EmailStatus");
            e.Equal("+34912345678", customer.PhoneE164, "PhoneE164");
            e.Equal(FieldStatus.Valid, customer.PhoneStatus, "PhoneStatus");
            e.Equal("ES", customer.CountryCode, "CountryCode");
        });

        run.Check("CustomerInfo reads a national US number in the region of a country name", e =>
        {
            var customer = new LeadReader().ReadHttpsPayload(PortalCreatePayload).Lead?.Customer ?? CustomerInfo.Empty;
            e.Equal("john.smith@northwind.example", customer.NormalizedEmail, "NormalizedEmail");
            e.Equal("US", customer.CountryCode, "CountryCode");
            e.Equal("+14255550100", customer.PhoneE164, "PhoneE164");
        });

        run.Check("CustomerInfo reads a national ES number with country ES, flags bad values", e =>
        {
            var spain = new CustomerInfo { Phone = "912 345 678", Country = "ES" };
            e.Equal("+34912345678", spain.PhoneE164, "PhoneE164");
            var bad = new CustomerInfo { Email = "not an email", Phone = "12", Country = "Atlantis" };
            e.Equal(FieldStatus.Invalid, bad.EmailStatus, "EmailStatus");
            e.Equal(FieldStatus.Invalid, bad.PhoneStatus, "PhoneStatus");
            e.Equal(FieldStatus.Invalid, bad.CountryStatus, "CountryStatus");
            e.Equal("Atlantis", bad.Country, "Country kept as sent");
        });
    }

    private static async Task CheckJsonLinesAsync(SmokeRun run, Lead? lead)
    {
        run.Check("LeadJsonLines.Serialize + LeadReader.ReadJsonLine round trip", e =>
        {
            if (lead is null)
            {
                e.Fail("no lead (the payload check failed)");
                return;
            }

            var line = LeadJsonLines.Serialize(lead);
            e.True(line.StartsWith("{\"schema\":\"" + LeadJsonLines.Schema + "\"", StringComparison.Ordinal), "schema property not first");
            e.True(!line.Contains('\n', StringComparison.Ordinal), "line break in the record");
            var read = new LeadReader().ReadJsonLine(Encoding.UTF8.GetBytes(line));
            e.True(read.IsSuccess, $"not read: {read.Error?.Reason}");
            SameContent(e, lead, read.Lead);
        });

        run.Check("LeadReader.ReadJsonLine names the known channels for an unknown one (Enum.GetNames)", e =>
        {
            if (lead is null)
            {
                e.Fail("no lead (the payload check failed)");
                return;
            }

            var line = LeadJsonLines.Serialize(lead).Replace("\"channel\":\"HttpsEndpoint\"", "\"channel\":\"Pigeon\"", StringComparison.Ordinal);
            e.True(line.Contains("\"Pigeon\"", StringComparison.Ordinal), "channel not found in the serialized line");
            var read = new LeadReader(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport }).ReadJsonLine(Encoding.UTF8.GetBytes(line));
            e.True(!read.IsSuccess, "an unknown channel was accepted");
            e.True(read.Error?.Reason.Contains("HttpsEndpoint, AzureTable", StringComparison.Ordinal) == true, $"reason does not list the channels: {read.Error?.Reason}");
            e.Equal("channel", read.Error?.Field, "Error.Field");
        });

        run.Check("Lead.ToString prints enum names and no personal data", e =>
        {
            var text = lead?.ToString() ?? string.Empty;
            e.True(text.Contains("Source = AppSource", StringComparison.Ordinal), $"no source name in: {text}");
            e.True(text.Contains("Stage = Interest", StringComparison.Ordinal), $"no stage name in: {text}");
            e.True(!text.Contains("García", StringComparison.Ordinal) && !text.Contains("fabrikam", StringComparison.Ordinal), $"personal data in: {text}");
        });

        await run.CheckAsync("LeadJsonLines.WriteAsync + LeadReader.ReadJsonLinesAsync stream round trip", async e =>
        {
            if (lead is null)
            {
                e.Fail("no lead (the payload check failed)");
                return;
            }

            var portal = new LeadReader().ReadHttpsPayload(PortalCreatePayload).Lead!;
            using var stream = new MemoryStream();
            await LeadJsonLines.WriteAsync(stream, [lead, portal]);
            stream.Position = 0;
            var read = new List<LeadReadResult>();
            await foreach (var result in new LeadReader().ReadJsonLinesAsync(stream))
            {
                read.Add(result);
            }

            e.Equal(2, read.Count, "records");
            if (read.Count == 2)
            {
                SameContent(e, lead, read[0].Lead);
                SameContent(e, portal, read[1].Lead);
            }
        });

        run.Check("LeadHttpsPayload.SerializeToUtf8Bytes + ReadHttpsPayload keeps content and Id", e =>
        {
            if (lead is null)
            {
                e.Fail("no lead (the payload check failed)");
                return;
            }

            var read = new LeadReader().ReadHttpsPayload(LeadHttpsPayload.SerializeToUtf8Bytes(lead)).Lead;
            e.Equal(lead.Id, read?.Id, "Id");
            e.Equal(lead.Customer, read?.Customer, "Customer");
            e.Equal(lead.LeadSource, read?.LeadSource ?? default, "LeadSource");
        });

        await run.CheckAsync("LeadReader.ReadHttpsPayloadsAsync reads a JSON array from a stream", async e =>
        {
            var body = "[" + Encoding.UTF8.GetString(ContactMePayload) + "," + Encoding.UTF8.GetString(PortalCreatePayload) + "]";
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body));
            var actions = new List<LeadAction>();
            await foreach (var result in new LeadReader().ReadHttpsPayloadsAsync(stream))
            {
                actions.Add(result.Lead?.Action ?? LeadAction.Unknown);
            }

            e.Equal("PartnerLedTrial,Create", string.Join(',', actions), "actions");
        });
    }

    private static void CheckTableRow(SmokeRun run)
    {
        run.Check("LeadReader.ReadTableRow reads an Azure Table entity", e =>
        {
            // azure-table-row.json from samples/payloads/, as the property dictionary a TableEntity exposes.
            var entity = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["PartitionKey"] = "contoso.contoso-analytics",
                ["RowKey"] = "0f6d2c7e-1b0a-4a55-9d0e-6f3c2b7a9e11",
                ["Timestamp"] = new DateTimeOffset(2026, 11, 20, 14, 3, 11, 512, TimeSpan.Zero),
                ["LeadSource"] = "AzureMarketplace-StartTestDrive | contoso.contoso-analytics",
                ["ActionCode"] = "StartTestDrive",
                ["OfferDisplayName"] = "Contoso Analytics",
                ["Description"] = string.Empty,
                ["CreatedTime"] = "2026-11-20T14:03:09Z",
                ["CustomerInfo"] = "{\"FirstName\":\"Wei\",\"LastName\":\"Chen\",\"Email\":\"wei.chen@tailspin.example\",\"Phone\":\"+86 10 5555 0199\",\"Country\":\"CN\",\"Company\":\"Tailspin Toys\",\"Title\":\"Data Engineer\"}",
                ["Retries"] = 2,
            };
            var result = new LeadReader().ReadTableRow(entity);
            e.True(result.IsSuccess, $"not read: {result.Error?.Reason}");
            var lead = result.Lead;
            e.Equal(LeadChannel.AzureTable, lead?.Channel, "Channel");
            e.Equal(LeadAction.StartTestDrive, lead?.Action, "Action");
            e.Equal(FunnelStage.Trial, lead?.Stage, "Stage");
            e.Equal(new DateTimeOffset(2026, 11, 20, 14, 3, 9, TimeSpan.Zero), lead?.CreatedAt, "CreatedAt");
            e.Equal(LeadId.FromKey("azure-table", "contoso.contoso-analytics", "0f6d2c7e-1b0a-4a55-9d0e-6f3c2b7a9e11"), lead?.Id, "Id");
            e.Equal("CN", lead?.Customer.CountryCode, "Customer.CountryCode");
            e.Equal("+861055550199", lead?.Customer.PhoneE164, "Customer.PhoneE164");
            e.Equal("contoso.contoso-analytics", lead is not null && lead.AdditionalProperties.TryGetValue("PartitionKey", out var key) ? key.GetString() : null, "AdditionalProperties[PartitionKey]");
            e.Equal("2", lead is not null && lead.AdditionalProperties.TryGetValue("Retries", out var retries) ? retries.GetRawText() : null, "AdditionalProperties[Retries]");
        });
    }

    /// <summary>Compares two leads field by field, additional properties by their JSON text.</summary>
    private static void SameContent(Expect e, Lead expected, Lead? actual)
    {
        if (actual is null)
        {
            e.Fail("no lead read back");
            return;
        }

        e.Equal(expected.Id, actual.Id, "Id");
        e.Equal(expected.LeadSource, actual.LeadSource, "LeadSource");
        e.Equal(expected.LeadSourceText, actual.LeadSourceText, "LeadSourceText");
        e.Equal(expected.ActionCode, actual.ActionCode, "ActionCode");
        e.Equal(expected.OfferTitle, actual.OfferTitle, "OfferTitle");
        e.Equal(expected.Description, actual.Description, "Description");
        e.Equal(expected.Customer, actual.Customer, "Customer");
        e.Equal(expected.Customer.PhoneE164, actual.Customer.PhoneE164, "Customer.PhoneE164");
        e.Equal(expected.ReceivedAt, actual.ReceivedAt, "ReceivedAt");
        e.Equal(expected.CreatedAt, actual.CreatedAt, "CreatedAt");
        e.Equal(expected.Channel, actual.Channel, "Channel");
        e.Equal(Describe(expected.AdditionalProperties), Describe(actual.AdditionalProperties), "AdditionalProperties");
    }

    private static string Describe(IReadOnlyDictionary<string, System.Text.Json.JsonElement> properties) =>
        string.Join(",", properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value.GetRawText()));
}
