using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.AspNetCore.Tests;

/// <summary>
/// Issue #14 on a real Kestrel server: odd bodies never get a 5xx and never cost a lead. An empty or white-space body is
/// 400 with a dead letter; a byte order mark is skipped; a half emoji or a Latin-1 byte in a text is read as U+FFFD and
/// the lead accepted, in a single body and next to other leads in an array.
/// </summary>
public class EndpointInputTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    /// <summary>A valid lead whose description ends in half an emoji (a lone high surrogate escape).</summary>
    private static string HalfEmojiLead(int i) =>
        "{\"Description\":\"great product \\ud83d\"," + Encoding.UTF8.GetString(Samples.DistinctLead(i))[1..];

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\r\n\t \n")]
    public async Task EmptyOrWhiteSpaceBody_Is400_AndDeadLettered(string body)
    {
        await using var server = await LeadServer.StartAsync();

        using var response = await server.PostAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonOf(response);
        Assert.Equal("$", problem.GetProperty("jsonPath").GetString());
        Assert.Equal(1, problem.GetProperty("rejected").GetInt32());
        Assert.Contains("the body is empty", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await server.DeadLetters.WaitForAsync(1, Wait);
        var letter = Assert.Single(server.DeadLetters.Received);
        Assert.Equal(LeadDeadLetterKind.Rejected, letter.Kind);
        Assert.Equal("the body is empty; expected a JSON object or an array of them", letter.Reason);
        Assert.Equal(string.Empty, letter.RawPayload);
        Assert.Equal(0, server.Sink.Count);
    }

    [Fact]
    public async Task EmptyArray_Is400_WithoutADeadLetter()
    {
        await using var server = await LeadServer.StartAsync();

        using var response = await server.PostAsync("[]"u8.ToArray());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonOf(response);
        Assert.Equal(0, problem.GetProperty("accepted").GetInt32());
        await Task.Delay(100);
        Assert.Empty(server.DeadLetters.Received);
    }

    [Fact]
    public async Task BodyWithAByteOrderMark_IsAccepted_AndDelivered()
    {
        await using var server = await LeadServer.StartAsync();

        using var single = await server.PostAsync([0xEF, 0xBB, 0xBF, .. Samples.DistinctLead(1)]);
        using var array = await server.PostAsync([0xEF, 0xBB, 0xBF, .. "["u8, .. Samples.DistinctLead(2), .. ","u8, .. Samples.DistinctLead(3), .. "]"u8]);

        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        Assert.Equal(HttpStatusCode.OK, array.StatusCode);
        Assert.Equal(2, (await JsonOf(array)).GetProperty("accepted").GetInt32());
        await server.Sink.WaitForCountAsync(3).WaitAsync(Wait);
        Assert.Empty(server.DeadLetters.Received);
    }

    [Fact]
    public async Task LoneSurrogateInASingleBody_Is200_LeadDeliveredWithReplacement_RawPayloadAsReceived()
    {
        await using var server = await LeadServer.StartAsync();
        var body = HalfEmojiLead(1);

        using var response = await server.PostAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await JsonOf(response)).GetProperty("accepted").GetInt32());
        await server.Sink.WaitForCountAsync(1).WaitAsync(Wait);
        var lead = server.Sink.GetDeliveries().Single().Lead;
        Assert.Equal("great product \uFFFD", lead.Description);
        Assert.Equal(body, lead.RawPayload);
    }

    [Fact]
    public async Task LoneSurrogatesInAnArray_NextToValidLeads_Is200_EveryLeadDelivered()
    {
        await using var server = await LeadServer.StartAsync();
        var body = "[" + Encoding.UTF8.GetString(Samples.DistinctLead(1)) + "," + HalfEmojiLead(2) + ","
            + "{\"\\udc00\":1," + Encoding.UTF8.GetString(Samples.DistinctLead(3))[1..] + "]";

        using var response = await server.PostAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, (await JsonOf(response)).GetProperty("accepted").GetInt32());
        await server.Sink.WaitForCountAsync(3).WaitAsync(Wait);
        Assert.Equal(3, server.Sink.GetDeliveries().Select(d => d.Lead.Id).Distinct().Count());
        Assert.Empty(server.DeadLetters.Received);
    }

    [Fact]
    public async Task ArrayWithAHalfEmojiLeadAndARecordThatIsNotALead_Is400_TheLeadsDelivered_TheBadRecordDeadLetteredAsReceived()
    {
        await using var server = await LeadServer.StartAsync();
        const string bad = "{\"UserDetails\":\"not an object \\ud83d\"}";
        var body = "[" + HalfEmojiLead(1) + ",\n  " + bad + "," + Encoding.UTF8.GetString(Samples.DistinctLead(2)) + "]";

        using var response = await server.PostAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonOf(response);
        Assert.Equal(1, problem.GetProperty("recordIndex").GetInt64());
        Assert.Equal(2, problem.GetProperty("accepted").GetInt32());
        Assert.Equal(1, problem.GetProperty("rejected").GetInt32());
        await server.Sink.WaitForCountAsync(2).WaitAsync(Wait);
        await server.DeadLetters.WaitForAsync(1, Wait);
        var letter = Assert.Single(server.DeadLetters.Received);
        Assert.Equal(bad, letter.RawPayload); // the record's bytes as received, lone escape and all
        Assert.Equal(2, letter.ReadError!.LineNumber);
    }

    [Fact]
    public async Task InvalidUtf8InAText_IsReadAsReplacement_AndAccepted()
    {
        await using var server = await LeadServer.StartAsync();
        var lead = Samples.DistinctLead(1);
        var at = lead.AsSpan().IndexOf("Person1"u8);
        byte[] body = [.. lead.AsSpan(0, at), 0xFF, 0xFE, 0xC3, .. lead.AsSpan(at)];

        using var response = await server.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await server.Sink.WaitForCountAsync(1).WaitAsync(Wait);
        Assert.Equal("\uFFFD\uFFFD\uFFFDPerson1", server.Sink.GetDeliveries().Single().Lead.Customer.FirstName);
    }

    [Fact]
    public async Task OddBodies_NeverGetA5xx()
    {
        await using var server = await LeadServer.StartAsync();
        byte[][] bodies =
        [
            [0xEF, 0xBB, 0xBF],
            [0xEF, 0xBB],
            "{\"\\ud83d\":\"\\udc00\"}"u8.ToArray(),
            "[{\"UserDetails\":\"{\\\"FirstName\\\":\\\"\\\\ud83d\\\"}\"}]"u8.ToArray(),
            [.. "{\"a\":\""u8, 0xED, 0xA0, 0xBD, .. "\"}"u8],
            "{\"a\":\"\\u\"}"u8.ToArray(),
        ];

        foreach (var body in bodies)
        {
            using var response = await server.PostAsync(body);
            Assert.InRange((int)response.StatusCode, 200, 499);
        }
    }
}
