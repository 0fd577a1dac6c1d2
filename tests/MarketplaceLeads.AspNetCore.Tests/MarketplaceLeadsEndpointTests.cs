using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.AspNetCore.Tests;

public class MarketplaceLeadsEndpointTests
{
    private static async Task<JsonElement> JsonOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task EverySample_PostedTwice_EachRealLeadDeliveredExactlyOnce_TestLeadAcceptedNotDelivered()
    {
        await using var server = await LeadServer.StartAsync();

        foreach (var file in Samples.HttpsPayloadFiles)
        {
            using var first = await server.PostAsync(Samples.Read(file));
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var firstJson = await JsonOf(first);
            Assert.Equal(1, firstJson.GetProperty("accepted").GetInt32());
            Assert.Equal(0, firstJson.GetProperty("alreadyAccepted").GetInt32());

            using var retry = await server.PostAsync(Samples.Read(file));
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            var retryJson = await JsonOf(retry);
            Assert.Equal(0, retryJson.GetProperty("accepted").GetInt32());
            Assert.Equal(1, retryJson.GetProperty("alreadyAccepted").GetInt32());
        }

        await server.Sink.WaitForCountAsync(2).WaitAsync(TimeSpan.FromSeconds(10));
        await server.Observer.WaitAsync(o => o.Deduplicated.Count == 3);
        await Task.Delay(100);
        var delivered = server.Sink.GetDeliveries();
        Assert.Equal(2, delivered.Count);
        Assert.Equal(2, delivered.Select(d => d.Lead.Id).Distinct().Count());
        Assert.Contains(delivered, d => d.Lead.Customer.Email == "ana.garcia@fabrikam.example");
        Assert.DoesNotContain(delivered, d => d.Lead.Customer.FirstName!.StartsWith("MSFT_TEST_", StringComparison.Ordinal));
        Assert.Equal(3, server.Observer.Accepted.Count);
        Assert.Single(server.Observer.Deduplicated, d => d.Outcome == DeduplicationOutcome.TestLead);
    }

    [Fact]
    public async Task ArrayPayload_AcceptsEveryLead()
    {
        await using var server = await LeadServer.StartAsync();
        var body = Encoding.UTF8.GetBytes("[" + Encoding.UTF8.GetString(Samples.Read("https-contact-me.json")) + "," + Encoding.UTF8.GetString(Samples.Read("https-portal-create.json")) + "]");

        using var response = await server.PostAsync(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await JsonOf(response)).GetProperty("accepted").GetInt32());
        await server.Sink.WaitForCountAsync(2).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData("wrong-key-0123456789-abcdefghij", HttpStatusCode.Unauthorized)]
    [InlineData("s3cr3t", HttpStatusCode.Unauthorized)]
    [InlineData(LeadServer.Secret, HttpStatusCode.OK)]
    public async Task KeyInHeader_IsChecked(string? key, HttpStatusCode expected)
    {
        await using var server = await LeadServer.StartAsync();

        using var response = await server.PostAsync(Samples.Read("https-portal-create.json"), key: key);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, server.Observer.Accepted.Count);
    }

    [Fact]
    public async Task KeyInQueryOrRoute_IsChecked_AndNotFoundCanHideTheEndpoint()
    {
        await using (var server = await LeadServer.StartAsync())
        {
            using var ok = await server.PostAsync(Samples.Read("https-portal-create.json"), "/leads?key=" + LeadServer.Secret, key: null);
            using var wrong = await server.PostAsync(Samples.Read("https-contact-me.json"), "/leads?key=nope", key: null);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        await using (var server = await LeadServer.StartAsync(o => { o.SharedSecret = LeadServer.Secret; o.UnauthorizedStatusCode = 404; }, "/hooks/{key}"))
        {
            using var ok = await server.PostAsync(Samples.Read("https-portal-create.json"), "/hooks/" + LeadServer.Secret, key: null);
            using var wrong = await server.PostAsync(Samples.Read("https-contact-me.json"), "/hooks/not-the-key", key: null);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
            Assert.Empty(await wrong.Content.ReadAsByteArrayAsync());
            Assert.Single(server.Observer.Accepted);
        }
    }

    [Fact]
    public async Task AllowAnonymous_AcceptsWithoutKey()
    {
        await using var server = await LeadServer.StartAsync(o => o.AllowAnonymous = true);

        using var response = await server.PostAsync(Samples.Read("https-portal-create.json"), key: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PipelineName_SubmitsToTheKeyedPipeline()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var archive = new InMemoryLeadSink();
        builder.Services.AddMarketplaceLeads("archive", o => o.BatchDelay = TimeSpan.Zero).AddSink(archive);
        await using var app = builder.Build();
        app.MapMarketplaceLeads("/archive", o => { o.SharedSecret = LeadServer.Secret; o.PipelineName = "archive"; });
        Assert.Throws<InvalidOperationException>(() => app.MapMarketplaceLeads("/default", o => o.SharedSecret = LeadServer.Secret));
        Assert.Throws<InvalidOperationException>(() => app.MapMarketplaceLeads("/other", o => { o.SharedSecret = LeadServer.Secret; o.PipelineName = "other"; }));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        using var content = new ByteArrayContent(Samples.Read("https-contact-me.json"));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.PostAsync(new Uri("/archive?key=" + LeadServer.Secret, UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await archive.WaitForCountAsync(1).WaitAsync(TimeSpan.FromSeconds(10));
        await app.StopAsync();
    }

    [Fact]
    public async Task WrongMethod_Is405()
    {
        await using var server = await LeadServer.StartAsync();

        using var response = await server.Client.GetAsync(new Uri("/leads", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/jsonx")]
    public async Task WrongContentType_Is415(string contentType)
    {
        await using var server = await LeadServer.StartAsync();

        using var response = await server.PostAsync(Samples.Read("https-portal-create.json"), contentType: contentType);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(server.Observer.Accepted);
    }

    [Theory]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("Application/JSON; charset=\"UTF-8\"")]
    public async Task JsonWithCharsetUtf8_IsAccepted(string contentType)
    {
        await using var server = await LeadServer.StartAsync();

        using var response = await server.PostAsync(Samples.Read("https-portal-create.json"), contentType: contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task OversizedBody_Is413_WithContentLength_AndChunked()
    {
        await using var server = await LeadServer.StartAsync(o => { o.SharedSecret = LeadServer.Secret; o.MaxBodyBytes = 4096; });
        var big = Encoding.UTF8.GetBytes("{\"UserDetails\":{\"FirstName\":\"" + new string('a', 5000) + "\"}}");

        using var withLength = await server.PostAsync(big);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withLength.StatusCode);

        using var chunked = new HttpRequestMessage(HttpMethod.Post, "/leads") { Content = new StreamContent(new System.IO.MemoryStream(big)) };
        chunked.Headers.TransferEncodingChunked = true;
        chunked.Headers.Add("X-MarketplaceLeads-Key", LeadServer.Secret);
        chunked.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var chunkedResponse = await server.Client.SendAsync(chunked);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunkedResponse.StatusCode);

        Assert.Empty(server.Observer.Accepted);
        Assert.Empty(server.DeadLetters.Received);
    }

    [Fact]
    public async Task RecordLimits_AreTheEndpointsOwn_ARecordOverOneIs400AndDeadLetteredWithItsRawPayload_TheOthersAccepted()
    {
        await using var server = await LeadServer.StartAsync(o => { o.SharedSecret = LeadServer.Secret; o.MaxFieldLength = 100; });
        var longName = "{\"UserDetails\":{\"FirstName\":\"" + new string('a', 101) + "\",\"Email\":\"ana@fabrikam.example\"},\"LeadSource\":\"AppSource-PLT | contoso.crm\",\"ActionCode\":\"PLT\"}";
        var body = Encoding.UTF8.GetBytes("[" + longName + "," + Encoding.UTF8.GetString(Samples.Read("https-portal-create.json")) + "]");

        using var response = await server.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(1, problem.GetProperty("accepted").GetInt32());
        Assert.Equal(0, problem.GetProperty("recordIndex").GetInt64());
        var deadLetter = Assert.Single(server.DeadLetters.Received);
        Assert.Equal(LeadDeadLetterKind.Rejected, deadLetter.Kind);
        Assert.Contains(new string('a', 101), deadLetter.RawPayload, StringComparison.Ordinal);
        var invalid = Assert.ThrowsAny<ArgumentException>(() => WebApplication.CreateSlimBuilder().Build().MapMarketplaceLeads("/leads", o => { o.SharedSecret = LeadServer.Secret; o.MaxDepth = 1; }));
        Assert.Contains("MarketplaceLeadsEndpointOptions.MaxDepth must be at least 2; it is 1", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedJson_Is400ProblemNamingThePath_NothingDelivered_DeadLetterKeepsRawPayload()
    {
        await using var server = await LeadServer.StartAsync();
        const string body = """{"UserDetails":{"FirstName":"Ana","Email":"ana.garcia@fabrikam.example",""";

        using var response = await server.PostAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("$", problem.GetProperty("jsonPath").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, problem.GetProperty("accepted").GetInt32());
        Assert.DoesNotContain("ana", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("fabrikam", text, StringComparison.OrdinalIgnoreCase);
        await server.DeadLetters.WaitForAsync(1);
        var deadLetter = Assert.Single(server.DeadLetters.Received);
        Assert.Equal(LeadDeadLetterKind.Rejected, deadLetter.Kind);
        Assert.Equal(body, deadLetter.RawPayload);
        Assert.Equal(0, server.Sink.Count);
    }

    [Fact]
    public async Task NotALead_Is400NamingThePath_AndOtherRecordsStayAccepted()
    {
        await using var server = await LeadServer.StartAsync();
        var body = "[" + Encoding.UTF8.GetString(Samples.Read("https-portal-create.json")) + """,{"UserDetails":5}]""";

        using var response = await server.PostAsync(Encoding.UTF8.GetBytes(body));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await JsonOf(response);
        Assert.Equal("$.UserDetails", problem.GetProperty("jsonPath").GetString());
        Assert.Equal(1, problem.GetProperty("recordIndex").GetInt64());
        Assert.Equal(1, problem.GetProperty("accepted").GetInt32());
        Assert.Equal(1, problem.GetProperty("rejected").GetInt32());
        await server.Sink.WaitForCountAsync(1).WaitAsync(TimeSpan.FromSeconds(10));
    }

    public static TheoryData<string, byte[]> HostileBodies() => new()
    {
        { "10,000 [", Encoding.ASCII.GetBytes(new string('[', 10_000)) },
        { "10,000 {\"a\":", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 10_000))) },
        { "huge string just under the limit", Encoding.ASCII.GetBytes("{\"UserDetails\":{\"FirstName\":\"" + new string('x', (64 * 1024) - 40) + "\"}}") },
        // Invalid UTF-8 in a text is read as U+FFFD and accepted (issue #14): see EndpointInputTests.
        { "empty", [] },
        { "empty array", "[]"u8.ToArray() },
        { "NUL bytes", new byte[100] },
    };

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public async Task HostileBody_Is4xx_AndNothingIsStored(string name, byte[] body)
    {
        Assert.NotNull(name);
        await using var server = await LeadServer.StartAsync();

        using var response = await server.PostAsync(body);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Empty(server.Observer.Accepted);
        await Task.Delay(50);
        Assert.Equal(0, server.Sink.Count);
    }

    [Fact]
    public async Task HugeStringJustOverTheLimit_Is413()
    {
        await using var server = await LeadServer.StartAsync();
        var body = Encoding.ASCII.GetBytes("{\"UserDetails\":{\"FirstName\":\"" + new string('x', 64 * 1024) + "\"}}");

        using var response = await server.PostAsync(body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(server.Observer.Accepted);
    }

    [Fact]
    public async Task FiftyConcurrentPosts_EachLeadDeliveredExactlyOnce()
    {
        await using var server = await LeadServer.StartAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => server.PostAsync(Samples.DistinctLead(i))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var response in responses)
        {
            response.Dispose();
        }

        await server.Sink.WaitForCountAsync(50).WaitAsync(TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        var ids = server.Sink.GetDeliveries().Select(d => d.Lead.Id).ToList();
        Assert.Equal(50, ids.Count);
        Assert.Equal(50, ids.Distinct().Count());
    }

    [Fact]
    public async Task QueueFull_Is503WithRetryAfter()
    {
        var blocked = new BlockedSink();
        await using var server = await LeadServer.StartAsync(
            o => { o.SharedSecret = LeadServer.Secret; o.RetryAfter = TimeSpan.FromSeconds(7); },
            pipeline: o => { o.QueueCapacity = 1; o.FullMode = LeadQueueFullMode.Reject; },
            extraSink: blocked);
        try
        {
            using var first = await server.PostAsync(Samples.DistinctLead(1));
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);

            using var second = await server.PostAsync(Samples.DistinctLead(2));

            Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(7), second.Headers.RetryAfter?.Delta);
            Assert.Equal(1, (await JsonOf(second)).GetProperty("queueFull").GetInt32());
        }
        finally
        {
            blocked.Release();
        }
    }

    [Fact]
    public async Task StoppedPipeline_Is503()
    {
        await using var server = await LeadServer.StartAsync();
        var processor = (ILeadPipeline)server.Services.GetService(typeof(ILeadPipeline))!;
        await processor.StopAsync();

        using var response = await server.PostAsync(Samples.Read("https-portal-create.json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
    }

    [Fact]
    public async Task Logs_HoldNoCustomerDataAndNoKey()
    {
        await using var server = await LeadServer.StartAsync();
        foreach (var file in Samples.HttpsPayloadFiles)
        {
            (await server.PostAsync(Samples.Read(file))).Dispose();
        }

        (await server.PostAsync(Encoding.UTF8.GetBytes("""{"UserDetails":{"FirstName":"Ana","Email":"ana.garcia@fabrikam.example","Phone":"""))).Dispose();
        (await server.PostAsync(Samples.Read("https-contact-me.json"), key: "wrong-key-but-long-enough")).Dispose();
        await server.Sink.WaitForCountAsync(2).WaitAsync(TimeSpan.FromSeconds(10));

        var messages = server.Logs.Messages;
        Assert.Contains(messages, m => m.Category.StartsWith("MarketplaceLeads.AspNetCore", StringComparison.Ordinal) && m.Message.Contains("400", StringComparison.Ordinal));
        foreach (var (category, message) in messages)
        {
            foreach (var data in Samples.CustomerData.Append("MSFT_TEST_").Append(LeadServer.Secret))
            {
                Assert.False(message.Contains(data, StringComparison.OrdinalIgnoreCase), $"[{category}] {message} contains '{data}'");
            }
        }
    }

    [Theory]
    [InlineData(null, false, "SharedSecret")]
    [InlineData("short", false, "SharedSecret")]
    [InlineData(LeadServer.Secret, true, "SharedSecret")]
    public void InvalidOptions_ThrowWhenMapped_NamingTheOption(string? secret, bool anonymous, string option)
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var ex = Assert.ThrowsAny<ArgumentException>(() => app.MapMarketplaceLeads("/leads", o => { o.SharedSecret = secret; o.AllowAnonymous = anonymous; }));

        Assert.Contains("MarketplaceLeadsEndpointOptions." + option, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(LeadServer.Secret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherInvalidOptions_ThrowWhenMapped_NamingOptionAndValue()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var size = Assert.ThrowsAny<ArgumentException>(() => app.MapMarketplaceLeads("/leads", o => { o.SharedSecret = LeadServer.Secret; o.MaxBodyBytes = 0; }));
        var status = Assert.ThrowsAny<ArgumentException>(() => app.MapMarketplaceLeads("/leads", o => { o.SharedSecret = LeadServer.Secret; o.UnauthorizedStatusCode = 500; }));
        var pipeline = Assert.Throws<InvalidOperationException>(() => app.MapMarketplaceLeads("/leads", o => o.SharedSecret = LeadServer.Secret));

        Assert.Contains("MaxBodyBytes", size.Message, StringComparison.Ordinal);
        Assert.Contains("it is 0", size.Message, StringComparison.Ordinal);
        Assert.Contains("it is 500", status.Message, StringComparison.Ordinal);
        Assert.Contains("AddMarketplaceLeads", pipeline.Message, StringComparison.Ordinal);
    }
}
