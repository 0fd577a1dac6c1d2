using System;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;

namespace MarketplaceLeads.AspNetCore.Tests;

/// <summary><see cref="MarketplaceLeadsEndpointOptions.SharedSecrets"/>: several keys at once, so that a key can be rotated without downtime.</summary>
public sealed class KeyRotationTests
{
    private const string OldKey = "old-key-0123456789-abcdefghij";
    private const string NewKey = "new-key-9876543210-zyxwvutsrq";

    [Fact]
    public async Task DuringRotation_TheOldAndTheNewKeyAreBothAccepted_InTheHeaderQueryAndRoute()
    {
        await using (var server = await LeadServer.StartAsync(o => { o.SharedSecret = NewKey; o.SharedSecrets.Add(OldKey); }))
        {
            using var withNew = await server.PostAsync(Samples.DistinctLead(1), key: NewKey);
            using var withOld = await server.PostAsync(Samples.DistinctLead(2), key: OldKey);
            using var oldInQuery = await server.PostAsync(Samples.DistinctLead(3), "/leads?key=" + OldKey, key: null);
            using var wrong = await server.PostAsync(Samples.DistinctLead(4), key: "neither-old-nor-new-key-0123");

            Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
            Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
            Assert.Equal(HttpStatusCode.OK, oldInQuery.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Equal(3, server.Observer.Accepted.Count);
        }

        await using (var server = await LeadServer.StartAsync(o => { o.SharedSecrets.Add(OldKey); o.SharedSecrets.Add(NewKey); }, "/leads/{key}"))
        {
            using var withNew = await server.PostAsync(Samples.DistinctLead(1), "/leads/" + NewKey, key: null);
            using var withOld = await server.PostAsync(Samples.DistinctLead(2), "/leads/" + OldKey, key: null);

            Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
            Assert.Equal(HttpStatusCode.OK, withOld.StatusCode);
        }
    }

    [Fact]
    public async Task AfterRotation_TheRemovedKeyIsRefused()
    {
        await using var server = await LeadServer.StartAsync(o => o.SharedSecrets.Add(NewKey));

        using var withOld = await server.PostAsync(Samples.DistinctLead(1), key: OldKey);
        using var withNew = await server.PostAsync(Samples.DistinctLead(2), key: NewKey);

        Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        Assert.Single(server.Observer.Accepted);
    }

    [Theory]
    [InlineData("", "SharedSecrets[1]", "is empty")]
    [InlineData("   ", "SharedSecrets[1]", "is empty")]
    [InlineData("too-short", "SharedSecrets[1]", "it has 9")]
    public void InvalidSecretInTheList_ThrowsWhenMapped_NamingTheEntry_NeverAValue(string bad, string option, string problem)
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var ex = Assert.ThrowsAny<ArgumentException>(() => app.MapMarketplaceLeads("/leads", o =>
        {
            o.SharedSecret = NewKey;
            o.SharedSecrets.Add(OldKey);
            o.SharedSecrets.Add(bad);
        }));

        Assert.StartsWith("MarketplaceLeadsEndpointOptions." + option + " ", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Equal("SharedSecrets", ex.ParamName); // the property; the message names the entry
        Assert.DoesNotContain(NewKey, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(OldKey, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("too-short", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptySharedSecret_AndSecretsWithAllowAnonymous_ThrowWhenMapped()
    {
        var app = WebApplication.CreateSlimBuilder().Build();

        var empty = Assert.ThrowsAny<ArgumentException>(() => app.MapMarketplaceLeads("/leads", o => { o.SharedSecret = string.Empty; o.SharedSecrets.Add(NewKey); }));
        var anonymous = Assert.ThrowsAny<ArgumentException>(() => app.MapMarketplaceLeads("/leads", o => { o.AllowAnonymous = true; o.SharedSecrets.Add(NewKey); }));
        var none = Assert.ThrowsAny<ArgumentException>(() => app.MapMarketplaceLeads("/leads", static _ => { }));

        Assert.StartsWith("MarketplaceLeadsEndpointOptions.SharedSecret is empty", empty.Message, StringComparison.Ordinal);
        Assert.StartsWith("MarketplaceLeadsEndpointOptions.SharedSecrets must be empty when AllowAnonymous is true", anonymous.Message, StringComparison.Ordinal);
        Assert.StartsWith("MarketplaceLeadsEndpointOptions.SharedSecret is required; set it (or SharedSecrets)", none.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(NewKey, anonymous.Message, StringComparison.Ordinal);
    }
}
