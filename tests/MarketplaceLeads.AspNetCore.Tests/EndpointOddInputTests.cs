using System;
using System.Linq;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;

namespace MarketplaceLeads.AspNetCore.Tests;

/// <summary>
/// Issue #14, what the fuzzer found through <c>POST /leads</c>: a noncharacter (U+FFFE) in a name or country made
/// folding throw, so the endpoint answered 500 for a lead it had already journaled and the pipeline stalled behind it;
/// a misspelt literal put the rest of the record — customer data — into the problem's <c>detail</c> and the logs.
/// </summary>
public sealed class EndpointOddInputTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task NoncharacterInNameCompanyAndCountry_Is200_AndEveryLeadIsDelivered()
    {
        await using var server = await LeadServer.StartAsync();
        var odd = Encoding.UTF8.GetBytes("""{"UserDetails":{"FirstName":"Ji\uFFFEm","Company":"Senger\uFFFE LLC","Country":"US\uFFFE","Email":"jim@senger.example"},"LeadSource":"AzureMarketplace-StartTestDrive | contoso.contoso-analytics","ActionCode":"StartTestDrive"}""");

        using var response = await server.PostAsync(odd);
        for (var i = 0; i < 20; i++)
        {
            using var next = await server.PostAsync(Samples.DistinctLead(i));
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await server.Sink.WaitForCountAsync(21).WaitAsync(Wait);
        Assert.Contains(server.Sink.GetDeliveries(), d => d.Lead.Customer.CountryCode == "US" && d.Lead.Customer.FirstName == "Ji\uFFFEm");
        Assert.DoesNotContain(server.Logs.Messages, m => m.Message.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task MisspeltLiteralBeforeCustomerData_Is400_DetailAndLogsHoldNoCustomerData()
    {
        await using var server = await LeadServer.StartAsync();
        var body = "{\n  \"UserDetails\": {\n    \"FirstName\": nul \"Brandt\",\n    \"LastName\": \"Larson\",\n    \"Email\": \"blarson@sauerllc.example\"\n  }\n}\n"u8.ToArray();

        using var response = await server.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
        Assert.Contains("expected the literal null", detail, StringComparison.Ordinal);
        await server.DeadLetters.WaitForAsync(1, Wait);
        foreach (var text in server.Logs.Messages.Select(m => m.Message).Append(detail).Append(server.DeadLetters.Received.Single().Reason))
        {
            Assert.DoesNotContain("Brandt", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Larson", text, StringComparison.Ordinal);
            Assert.DoesNotContain("blarson", text, StringComparison.Ordinal);
        }
    }
}
