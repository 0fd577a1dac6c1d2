using System.Threading.Tasks;
using FsCheck.Xunit;

namespace MarketplaceLeads.AspNetCore.Tests;

public sealed class MarketplaceLeadsEndpointPropertyTests : IClassFixture<MarketplaceLeadsEndpointPropertyTests.ServerFixture>
{
    private readonly ServerFixture _fixture;

    public MarketplaceLeadsEndpointPropertyTests(ServerFixture fixture) => _fixture = fixture;

    [Property(MaxTest = 200)]
    public async Task ArbitraryBytes_NeverGet5xx_AndNeverDeliverUnlessAccepted(byte[] body)
    {
        var server = _fixture.Server;
        var acceptedBefore = server.Observer.Accepted.Count;

        using var response = await server.PostAsync(body);

        var status = (int)response.StatusCode;
        Assert.InRange(status, 200, 499);
        if (status != 200)
        {
            Assert.Equal(acceptedBefore, server.Observer.Accepted.Count);
        }
    }

    public sealed class ServerFixture : IAsyncLifetime
    {
        internal LeadServer Server { get; private set; } = null!;

        public async Task InitializeAsync() => Server = await LeadServer.StartAsync();

        public async Task DisposeAsync() => await Server.DisposeAsync();
    }
}
