using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Xunit;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

[Properties(Arbitrary = [typeof(LeadGenerators)], MaxTest = 300)]
public class LeadReaderPropertyTests
{
    private static readonly LeadReader Skipping = new(new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport });

    [Property]
    public void JsonLines_RoundTripsEveryField(Lead lead)
    {
        var line = System.Text.Encoding.UTF8.GetBytes(LeadJsonLines.Serialize(lead));

        var read = Skipping.ReadJsonLine(line);

        Assert.True(read.IsSuccess, read.Error?.ToString());
        LeadAssert.SameContent(lead, read.Lead);
    }

    [Property]
    public void HttpsPayload_RoundTripsContentAndId(Lead lead)
    {
        var read = Skipping.ReadHttpsPayload(LeadHttpsPayload.SerializeToUtf8Bytes(lead));

        Assert.True(read.IsSuccess, read.Error?.ToString());
        Assert.Equal(lead.Id, read.Lead.Id);
        Assert.Equal(lead.Customer, read.Lead.Customer);
        Assert.Equal(lead.Description, read.Lead.Description);
        Assert.Equal(lead.Source, read.Lead.Source);
        Assert.Equal(lead.Action, read.Lead.Action);
    }

    [Property(MaxTest = 1000)]
    public void Readers_NeverThrow_OnArbitraryBytes_UnderSkipPolicy(byte[] bytes)
    {
        var single = Skipping.ReadHttpsPayload(bytes);
        var many = Skipping.ReadHttpsPayloads(bytes);
        var line = Skipping.ReadJsonLine(bytes);

        Assert.True(single.IsSuccess || single.Error.RawText is not null);
        Assert.All(many, r => Assert.True(r.IsSuccess || r.Error.RawText is not null));
        Assert.True(line.IsSuccess || line.Error.RawText is not null);
    }

    [Property(MaxTest = 300)]
    public async Task StreamingReaders_NeverThrow_OnArbitraryBytes_UnderSkipPolicy(byte[] bytes, PositiveInt readSize)
    {
        await foreach (var result in Skipping.ReadHttpsPayloadsAsync(new TrickleStream(bytes, readSize.Get)))
        {
            Assert.True(result.IsSuccess || result.Error.RawText is not null);
        }

        await foreach (var result in Skipping.ReadJsonLinesAsync(new TrickleStream(bytes, readSize.Get)))
        {
            Assert.True(result.IsSuccess || result.Error.RawText is not null);
        }
    }

    [Property]
    public void StreamingArray_AgreesWithInMemory(Lead[] leads, PositiveInt readSize)
    {
        var json = "[" + string.Join(",", leads.Select(l => System.Text.Encoding.UTF8.GetString(LeadHttpsPayload.SerializeToUtf8Bytes(l)))) + "]";
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);

        var inMemory = Skipping.ReadHttpsPayloads(bytes).Select(r => r.Lead!.Id).ToList();
        var streamed = Skipping.ReadHttpsPayloadsAsync(new TrickleStream(bytes, readSize.Get)).ToBlockingEnumerable().Select(r => r.Lead!.Id).ToList();

        Assert.Equal(leads.Select(l => l.Id), inMemory);
        Assert.Equal(inMemory, streamed);
    }

    [Property]
    public bool Normalisers_AreIdempotent(Lead lead)
    {
        var once = lead.Customer;
        var twice = new CustomerInfo { Email = once.NormalizedEmail, Country = once.CountryCode, Phone = once.PhoneE164 };
        return (once.NormalizedEmail is null || twice.NormalizedEmail == once.NormalizedEmail)
            && (once.CountryCode is null || twice.CountryCode == once.CountryCode)
            && (once.PhoneE164 is null || twice.PhoneE164 == once.PhoneE164);
    }
}
