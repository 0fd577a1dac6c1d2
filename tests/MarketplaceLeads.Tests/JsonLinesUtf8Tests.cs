using System;
using System.Text;
using FsCheck.Xunit;
using MarketplaceLeads.Tests.Support;

namespace MarketplaceLeads.Tests;

/// <summary><see cref="LeadJsonLines.SerializeToUtf8Bytes"/> writes the bytes of <see cref="LeadJsonLines.Serialize"/>'s text (what the SQLite package stores), without a byte order mark.</summary>
public sealed class JsonLinesUtf8Tests
{
    [Property(Arbitrary = [typeof(LeadGenerators)], MaxTest = 300)]
    public void Utf8Bytes_AreTheTextsBytes_WithoutAByteOrderMark(Lead lead)
    {
        var bytes = LeadJsonLines.SerializeToUtf8Bytes(lead);

        Assert.Equal(Encoding.UTF8.GetBytes(LeadJsonLines.Serialize(lead)), bytes);
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble));
    }
}
