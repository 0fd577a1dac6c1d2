using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using MarketplaceLeads.Cli.Tests.Support;
using MarketplaceLeads.Testing.Streams;

namespace MarketplaceLeads.Cli.Tests.Streams;

/// <summary>The stream generator's truth is consistent, and its files read back to the leads it generated.</summary>
public sealed class LeadStreamTests
{
    private static readonly Dictionary<StreamAction, LeadAction> Actions = new()
    {
        [StreamAction.ContactMe] = LeadAction.PartnerLedTrial,
        [StreamAction.TestDrive] = LeadAction.StartTestDrive,
        [StreamAction.Create] = LeadAction.Create,
        [StreamAction.GetItNow] = LeadAction.Install,
        [StreamAction.DoNotContact] = LeadAction.DoNotContact,
    };

    [Fact]
    public void Generate_SameSeed_GivesTheSameStream()
    {
        var first = LeadStream.Generate(120, seed: 3);
        var second = LeadStream.Generate(120, seed: 3);

        Assert.Equal(first.Leads, second.Leads);
        Assert.NotEqual(first.Leads, LeadStream.Generate(120, seed: 4).Leads);
    }

    [Fact]
    public void Generate_AnySeed_TruthIsConsistent()
    {
        var property = Prop.ForAll(Gen.Choose(1, 100_000).ToArbitrary(), Gen.Choose(5, 80).ToArbitrary(), (seed, people) =>
        {
            var stream = LeadStream.Generate(people, seed, days: 7);
            var moments = stream.Moments.ToHashSet();
            foreach (var lead in stream.Leads)
            {
                Assert.Contains(lead.ArrivesAt, moments);
                Assert.True(lead.ArrivesAt >= lead.MadeAt, "a lead arrives after it was made");
                Assert.True(lead.IsRedelivery || lead.ArrivesAt - lead.MadeAt < TimeSpan.FromHours(24), "a lead arrives before its 24 h deadline");
                Assert.InRange(lead.PersonId, 0, stream.People.Count - 1);
                if (lead.SameAs is { } same)
                {
                    // A repeat or a redelivery carries exactly the payload of the lead it repeats, sent by the same person.
                    var original = stream.Leads[same];
                    Assert.True(lead.IsRepeat || lead.IsRedelivery);
                    Assert.Equal(original with { Index = 0, MadeAt = default, ArrivesAt = default, Channel = default, IsRepeat = false, IsRedelivery = false, SameAs = null },
                        lead with { Index = 0, MadeAt = default, ArrivesAt = default, Channel = default, IsRepeat = false, IsRedelivery = false, SameAs = null });
                    Assert.True(lead.IsRedelivery ? lead.ArrivesAt > original.ArrivesAt : lead.MadeAt > original.MadeAt);
                }
            }

            // Every DNC sender sent something else first, and the stream's DNC arrivals are their first DNC's.
            foreach (var (person, arrival) in stream.DoNotContactArrivals)
            {
                var leads = stream.Leads.Where(l => l.PersonId == person).ToList();
                var dnc = leads.Where(static l => l.Action == StreamAction.DoNotContact).MinBy(static l => l.ArrivesAt)!;
                Assert.Equal(arrival, dnc.ArrivesAt);
                Assert.Contains(leads, l => l.Action != StreamAction.DoNotContact && l.MadeAt < dnc.MadeAt);
            }

            Assert.Equal(stream.Leads.OrderBy(static l => l.ArrivesAt).Select(static l => l.Index), stream.Leads.Select(static l => l.Index));
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(40), property);
    }

    [Fact]
    public void WrittenFiles_ReadBackWithLeadReader_GiveTheGeneratedLeads()
    {
        var property = Prop.ForAll(Gen.Choose(1, 100_000).ToArbitrary(), seed => ReadBackAsync(LeadStream.Generate(40, seed, days: 5)).GetAwaiter().GetResult());
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(15), property);
    }

    [Fact]
    public async Task WrittenFiles_TwoSeparateLeadsWithTheSamePayload_ShareTheirContentId()
    {
        // Seed 3960 (found by the property above in CI): one person sends the same form twice, not as a repeat the
        // generator marks, and both payloads are identical field for field.
        await ReadBackAsync(LeadStream.Generate(40, 3960, days: 5));
    }

    private static async Task ReadBackAsync(LeadStream stream)
    {
        using var folder = new TempFolder();
        var idOf = new Dictionary<int, LeadId>();
        var contentOf = new Dictionary<LeadId, string>();
        static string Content(StreamLead l) => string.Join(
            '\u001f',
            l.LeadSource, l.ActionCode, l.OfferTitle, l.Description, l.FirstName, l.LastName, l.Email, l.Phone, l.Country, l.Company, l.Title);
        foreach (var slot in StreamFiles.Write(stream, folder.Path))
        {
            var read = new List<LeadReadResult>();
            foreach (var file in slot.Files)
            {
                read.AddRange(await StreamFiles.ReadBackAsync(file, slot.Moment));
            }

            Assert.Equal(slot.Leads.Count, read.Count);
            for (var i = 0; i < read.Count; i++)
            {
                var expected = slot.Leads[i];
                var lead = read[i].Lead ?? throw new Xunit.Sdk.XunitException($"lead {expected.Index} not read: {read[i].Error?.Reason}");
                Assert.Equal(
                    (expected.FirstName, expected.LastName, expected.Email, expected.Phone, expected.Country, expected.Company, expected.Title),
                    (lead.Customer.FirstName, lead.Customer.LastName, lead.Customer.Email, lead.Customer.Phone, lead.Customer.Country, lead.Customer.Company, lead.Customer.Title));
                Assert.Equal(expected.Description, lead.Description);
                Assert.Equal(Actions[expected.Action], lead.Action);
                Assert.Equal(expected.Offer, lead.Offer.ToString());
                Assert.True(lead.Warnings.All(static w => w.Kind is LeadWarningKind.InvalidPhone), $"{string.Join("; ", lead.Warnings)} (country {lead.Customer.Country})");
                Assert.Equal(expected.Channel == StreamChannel.CsvExport ? expected.MadeAt : (DateTimeOffset?)null, lead.CreatedAt);
                if (expected.SameAs is { } same)
                {
                    Assert.Equal(idOf[same], lead.Id); // a repeat or a redelivery is the same payload: the same id
                }
                else if (contentOf.TryGetValue(lead.Id, out var earlier))
                {
                    // A separate lead whose payload happens to equal an earlier one (the same person sending the same
                    // form twice with the same fields) carries nothing that tells the two apart: the same id is right.
                    Assert.Equal(earlier, Content(expected));
                    idOf[expected.Index] = lead.Id;
                }
                else
                {
                    contentOf[lead.Id] = Content(expected);
                    idOf[expected.Index] = lead.Id;
                }
            }
        }
    }
}
