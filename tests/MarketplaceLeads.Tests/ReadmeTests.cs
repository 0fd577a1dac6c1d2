using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Tests;

/// <summary>
/// The README's C# samples are the code between the <c>README:name</c> markers below: each runs
/// here, and <see cref="Readme_CodeBlocks_AreTheCodeThatRunsHere"/> fails when the README and this
/// file drift apart.
/// </summary>
[Collection(SerialTests.Name)]
public partial class ReadmeTests
{
    [Fact]
    public void Readme_ParseALeadSource()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            // README:parse
            var source = LeadSource.Parse("AppSource-PLT | contoso.contoso-crm-connector");
            Console.WriteLine(source.Source);            // AppSource
            Console.WriteLine(source.Action);            // PartnerLedTrial  (a "Contact me")
            Console.WriteLine(source.Offer.PublisherId); // contoso
            Console.WriteLine(source.Offer.OfferId);     // contoso-crm-connector

            // Real data varies: spacing, letter case, SPZA for AppSource. All of it parses.
            var dnc = LeadSource.Parse("spza-dnc|contoso.contoso-crm-connector");
            Console.WriteLine(dnc.Action == LeadAction.DoNotContact); // True

            // Unknown values are kept, not rejected, and format back to the same text.
            var test = LeadSource.Parse("MSFT_TEST_636573304831318844-MSFT_TEST_636573304831318844|<Offer Name>");
            Console.WriteLine(test.SourceText);               // MSFT_TEST_636573304831318844
            Console.WriteLine(test.Offer.IsPublisherOfferId); // False: an offer name, not an id

            // Bad input gets a precise error; TryParse never throws.
            try
            {
                LeadSource.Parse("AzureMarketplace-INS");
            }
            catch (FormatException ex)
            {
                Console.WriteLine(ex.Message);
                // 'AzureMarketplace-INS' is not a valid LeadSource: expected '|' between
                // 'Source-Action' and the offer, but the text has none (at position 20).
            }
            // README:end
        }
        finally
        {
            Console.SetOut(original);
        }

        var lines = output.ToString().Split(Environment.NewLine);
        Assert.Equal(
            ["AppSource", "PartnerLedTrial", "contoso", "contoso-crm-connector", "True", "MSFT_TEST_636573304831318844", "False",
             "'AzureMarketplace-INS' is not a valid LeadSource: expected '|' between 'Source-Action' and the offer, but the text has none (at position 20).", ""],
            lines);
    }

    [Fact]
    public void Readme_ParseUtf8()
    {
        // README:utf8
        ReadOnlySpan<byte> utf8 = "AzureMarketplace-INS | docusign.3701c77e-1cfa-4c56-91e6-3ed0b622145"u8;
        if (LeadSource.TryParse(utf8, out var source) && source.Action == LeadAction.Install)
        {
            string publisher = source.Offer.PublisherId; // "docusign"; a text parsed before allocates nothing
        }
        // README:end

        Assert.True(LeadSource.TryParse(utf8, out var check));
        Assert.Equal("docusign", check.Offer.PublisherId);
    }

    [Fact]
    public void Readme_ReadALead()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            // README:read
            var reader = new LeadReader(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport });
            var result = reader.ReadHttpsPayload("""
                {"UserDetails":{"FirstName":"Ana","Email":" Ana.Garcia@Fabrikam.example","Phone":"912 345 678","Country":"Spain"},
                 "LeadSource":"AppSource-PLT | contoso.contoso-crm-connector","ActionCode":"PLT","OfferTitle":"Contoso CRM"}
                """u8);
            if (result.IsSuccess)
            {
                var lead = result.Lead;
                Console.WriteLine(lead.Stage);                     // Interest: reply within 24 hours
                Console.WriteLine(lead.Customer.NormalizedEmail);  // ana.garcia@fabrikam.example
                Console.WriteLine(lead.Customer.PhoneE164);        // +34912345678
                Console.WriteLine(lead.Customer.CountryCode);      // ES
            }
            else
            {
                Console.WriteLine(result.Error); // where, why, which value; result.Error.RawText keeps the payload
            }
            // README:end
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(["Interest", "ana.garcia@fabrikam.example", "+34912345678", "ES", ""], output.ToString().Split(Environment.NewLine));
    }

    [Fact]
    public void Readme_Deduplicate()
    {
        var output = new StringWriter();
        var original = Console.Out;
        Console.SetOut(output);
        try
        {
            // README:dedup
            var reader = new LeadReader();
            Lead[] leads =
            [
                reader.ReadHttpsPayload("""{"UserDetails":{"FirstName":"Robert","LastName":"Smith","Email":"bob.smith@gmail.com"},"LeadSource":"AppSource-PLT | contoso.crm"}"""u8).Lead!,
                reader.ReadHttpsPayload("""{"UserDetails":{"FirstName":"Bob","LastName":"Smith","Email":"BobSmith+trial@googlemail.com"},"LeadSource":"AzureMarketplace-StartTestDrive | contoso.crm"}"""u8).Lead!,
                reader.ReadHttpsPayload("""{"UserDetails":{"FirstName":"Bob","LastName":"Smith","Email":"bob.smith@gmail.com"},"LeadSource":"AppSource-DNC | contoso.crm"}"""u8).Lead!,
            ];
            var result = new LeadDeduplicator().Deduplicate(leads);
            var profile = result.Profiles.Single();           // one person: the mailbox is the same
            Console.WriteLine(profile.Leads.Count);           // 3
            Console.WriteLine(profile.Offers[0].FurthestStage); // Trial
            Console.WriteLine(profile.DoNotContact);          // True: one DNC is enough, for good
            Console.WriteLine(string.Join(", ", profile.Emails)); // every address seen, as sent
            // README:end
        }
        finally
        {
            Console.SetOut(original);
        }

        Assert.Equal(["3", "Trial", "True", "bob.smith@gmail.com, BobSmith+trial@googlemail.com", ""], output.ToString().Split(Environment.NewLine));
    }

    [Fact]
    public async Task Readme_DeliverWithDependencyInjection()
    {
        var folder = Directory.CreateTempSubdirectory("ml-readme-");
        var output = new StringWriter();
        var original = Console.Out;
        var directory = Environment.CurrentDirectory;
        Console.SetOut(TextWriter.Synchronized(output));
        Environment.CurrentDirectory = folder.FullName;
        try
        {
            // README:deliver
            var requestBody = """
                {"UserDetails":{"FirstName":"Ana","LastName":"García","Email":"ana.garcia@fabrikam.example"},
                 "LeadSource":"AppSource-PLT | contoso.contoso-crm-connector","ActionCode":"PLT","OfferTitle":"Contoso CRM"}
                """u8.ToArray(); // the marketplace's POST body, as the endpoint receives it
            var services = new ServiceCollection();
            services.AddMarketplaceLeads()                          // the pipeline: queue, batches, retries, journal
                .AddSink<CrmSink>()                                 // your ILeadSink (below)
                .AddJsonLinesFileSink(o => o.Path = "leads.jsonl"); // an archive, flushed to disk per batch
            await using (var provider = services.BuildServiceProvider())
            {
                var leads = provider.GetRequiredService<ILeadPipeline>();
                var result = await leads.SubmitAsync(new LeadReader().ReadHttpsPayload(requestBody)); // read, then submit
                Console.WriteLine(result.Status); // Accepted: durably, so the endpoint may answer 200
            } // disposing drains the queue and flushes the sinks
            // README:end
            Assert.Single(File.ReadAllLines(Path.Combine(folder.FullName, "leads.jsonl")));
        }
        finally
        {
            Environment.CurrentDirectory = directory;
            Console.SetOut(original);
            folder.Delete(recursive: true);
        }

        Assert.Equal(
            ["", "Accepted", "NewProfile: ana.garcia@fabrikam.example, do not contact: False"],
            output.ToString().Split(Environment.NewLine).Order(StringComparer.Ordinal));
    }

    // README:sink
    public sealed class CrmSink : ILeadSink
    {
        public async ValueTask WriteBatchAsync(IReadOnlyList<LeadDelivery> batch, CancellationToken cancellationToken)
        {
            foreach (var delivery in batch)
            {
                // Upsert by delivery.Lead.Id: after a crash a lead can come again (delivery.IsRedelivery).
                // Throw to fail the batch: the pipeline retries with back-off, then dead-letters.
                await Console.Out.WriteLineAsync(
                    $"{delivery.Outcome}: {delivery.Lead.Customer.Email}, do not contact: {delivery.DoNotContact}");
            }
        }
    }
    // README:end

    /// <summary>
    /// Each README block is a whole <c>Program.cs</c> (eng/readme-test.sh builds and runs them verbatim in a fresh app):
    /// its <c>using</c> directives, then the region of this file that runs it (the deliver block also holds the sink class).
    /// </summary>
    [Fact]
    public void Readme_CodeBlocks_AreTheCodeThatRunsHere()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        var self = File.ReadAllText(Path.Combine(RepositoryPaths.RepositoryRoot, "tests", "MarketplaceLeads.Tests", "ReadmeTests.cs")).ReplaceLineEndings("\n");
        var regions = RegionPattern().Matches(self).ToDictionary(m => m.Groups["name"].Value, m => Dedent(m.Groups["code"].Value));
        var blocks = CodeBlockPattern().Matches(readme).Select(m => StripUsings(m.Groups["code"].Value)).ToList();

        Assert.Equal(["parse", "utf8", "read", "dedup", "deliver", "sink"], regions.Keys);
        Assert.Equal(
            [regions["parse"], regions["utf8"], regions["read"], regions["dedup"], regions["deliver"] + "\n" + regions["sink"]],
            blocks);
        var sinks = File.ReadAllText(Path.Combine(RepositoryPaths.RepositoryRoot, "docs", "sinks.md")).ReplaceLineEndings("\n");
        Assert.True(sinks.Contains("```csharp\n" + regions["sink"] + "```\n", StringComparison.Ordinal), "docs/sinks.md has no ```csharp block equal to the README:sink region of ReadmeTests.cs");
    }

    [Fact]
    public void Readme_CodeBlocks_DeclareTheirUsings()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        foreach (Match block in CodeBlockPattern().Matches(readme))
        {
            Assert.StartsWith("using MarketplaceLeads;\n", block.Groups["code"].Value, StringComparison.Ordinal);
        }
    }

    private static string StripUsings(string code)
    {
        var lines = code.Split('\n').ToList();
        var skip = lines.TakeWhile(l => l.StartsWith("using ", StringComparison.Ordinal) && l.EndsWith(';')).Count();
        if (skip > 0 && skip < lines.Count && lines[skip].Length == 0)
        {
            skip++;
        }

        return string.Join('\n', lines.Skip(skip));
    }

    private static string Dedent(string code)
    {
        var lines = code.Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        var builder = new StringBuilder();
        foreach (var line in lines.Take(lines.Length - 1))
        {
            builder.Append(line.Length >= indent ? line[indent..] : line.TrimStart()).Append('\n');
        }

        return builder.ToString();
    }

    [GeneratedRegex(@"// README:(?<name>\w+)\n(?<code>.*?)^[ ]*// README:end", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^```csharp\n(?<code>.*?)^```\n", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex CodeBlockPattern();
}
