using System;
using System.Text;
using FsCheck;
using FsCheck.Xunit;

namespace MarketplaceLeads.Tests;

public class LeadIdTests
{
    [Property(MaxTest = 300)]
    public bool FormatThenParse_RoundTrips(NonNull<string> key)
    {
        var id = LeadId.FromKey("test", key.Get);
        var text = id.ToString();
        var utf8 = new byte[LeadId.TextLength];

        return text.Length == LeadId.TextLength
            && LeadId.Parse(text) == id
            && LeadId.TryParse(text.ToUpperInvariant(), out var upper) && upper == id
            && id.TryFormat(utf8, out var written) && written == LeadId.TextLength
            && LeadId.Parse(utf8.AsSpan()) == id;
    }

    [Fact]
    public void Bytes_RoundTrip()
    {
        var id = LeadId.FromKey("azure-table", "p", "r");
        var bytes = new byte[16];

        Assert.True(id.TryWriteBytes(bytes));
        Assert.Equal(id, new LeadId(bytes));
        Assert.False(id.TryWriteBytes(new byte[15]));
        Assert.Throws<ArgumentException>(() => new LeadId(new byte[15]));
    }

    [Theory]
    [InlineData("", "expected 32 hexadecimal digits but the text has 0 characters")]
    [InlineData("0123456789abcdef0123456789abcdeg", "expected a hexadecimal digit at position 31")]
    [InlineData(" 0123456789abcdef0123456789abcde", "expected a hexadecimal digit at position 0")]
    public void Parse_Invalid_ThrowsFormatExceptionSayingWhere(string text, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => LeadId.Parse(text));

        Assert.Contains(reason, ex.Message, StringComparison.Ordinal);
        Assert.False(LeadId.TryParse(text, out var result));
        Assert.True(result.IsEmpty);
        Assert.Throws<FormatException>(() => LeadId.Parse(Encoding.UTF8.GetBytes(text).AsSpan()));
    }

    [Fact]
    public void FromKey_IsDomainSeparated()
    {
        Assert.NotEqual(LeadId.FromKey("a", "bc"), LeadId.FromKey("ab", "c"));
        Assert.NotEqual(LeadId.FromKey("a", "b", "c"), LeadId.FromKey("a", "bc"));
        Assert.NotEqual(LeadId.FromKey("a", (string?)null), LeadId.FromKey("a", string.Empty));
        Assert.NotEqual(LeadId.FromContent(null, null, null, null, null), LeadId.FromKey("mpl.lead.content.v1"));
    }

    [Fact]
    public void FromContent_IsStableAcrossVersions()
    {
        // Pinned: ids are persisted (JSON Lines, CSV, stores), so the algorithm must never change silently.
        var id = LeadId.FromContent("AppSource-PLT | contoso.crm", "PLT", "Contoso CRM", null, new CustomerInfo { Email = "a@b.example" });

        Assert.Equal(id, LeadId.Parse(id.ToString()));
        Assert.Equal(PinnedContentId, id.ToString());
    }

    [Fact]
    public void Comparison_IsByValue()
    {
        var low = LeadId.Parse("00000000000000000000000000000001");
        var high = LeadId.Parse("10000000000000000000000000000000");

        Assert.True(low < high);
        Assert.True(high > low);
        var same = low;
        Assert.True(low <= same);
        Assert.True(high >= low);
        Assert.True(low != high);
        Assert.Equal(-1, Math.Sign(low.CompareTo(high)));
        Assert.True(default(LeadId).IsEmpty);
        Assert.Equal("00000000000000000000000000000000", default(LeadId).ToString());
    }

    private const string PinnedContentId = "a9cdad71cf7936993c9ca10afcfe13f3";
}

public class LeadReaderOptionsTests
{
    [Theory]
    [InlineData(nameof(LeadReaderOptions.MaxRecordBytes))]
    [InlineData(nameof(LeadReaderOptions.MaxFieldLength))]
    [InlineData(nameof(LeadReaderOptions.MaxDepth))]
    public void OutOfRange_IsRejectedNamingTheOption(string option)
    {
        var options = new LeadReaderOptions();
        typeof(LeadReaderOptions).GetProperty(option)!.SetValue(options, 0);

        var ex = Assert.Throws<ArgumentException>(() => new LeadReader(options));

        Assert.Equal(option, ex.ParamName);
        Assert.Contains($"LeadReaderOptions.{option} must be at least ", ex.Message, StringComparison.Ordinal);
        Assert.Contains("; it is 0.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_AreCopied()
    {
        var options = new LeadReaderOptions { ErrorPolicy = LeadReadErrorPolicy.SkipAndReport };
        var reader = new LeadReader(options);
        options.ErrorPolicy = LeadReadErrorPolicy.Throw;

        Assert.False(reader.ReadHttpsPayload("[]"u8).IsSuccess); // still skip-and-report: no exception
    }

    [Fact]
    public void LeadReadError_ToString_SaysWhereWhyAndWhich()
    {
        var error = new LeadReadError
        {
            Channel = LeadChannel.Csv, Reason = "bad", SourceName = "f.csv", RecordIndex = 3, LineNumber = 5, BytePosition = 80, Field = "email", Value = "x",
        };

        Assert.Equal("f.csv(line 5, byte 80): record 3, field email: bad", error.ToString()); // the value may be customer data: not in messages
        Assert.Equal("x", error.Value);
        Assert.Equal(error.ToString(), new LeadReadResult(error).ToString());
        Assert.Throws<ArgumentNullException>(() => new LeadReadResult((LeadReadError)null!));
    }
}
