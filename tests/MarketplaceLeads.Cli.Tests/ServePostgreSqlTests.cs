using System;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;
using MarketplaceLeads.PostgreSql.Tests;

namespace MarketplaceLeads.Cli.Tests;

/// <summary><c>serve</c> on PostgreSQL (<c>MarketplaceLeads:PostgreSql:ConnectionString</c>): a real server (<see cref="PostgresFixture"/>), a schema of its own.</summary>
public sealed class ServePostgreSqlTests(PostgresFixture server) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Serve_OnPostgreSql_StoresAPostedLead_AndIsHealthy()
    {
        using var folder = new TempFolder();
        var schema = server.NewSchemaName();
        var postgreSql = new JsonObject { ["ConnectionString"] = server.ConnectionString, ["Schema"] = schema };
        await using var serve = await ServeRun.StartAsync(new ManualClock(CliRunner.NowValue), folder.File("unused.db"), ServeCommandTests.Config(folder, ServeCommandTests.Receiver(), postgreSql: postgreSql));

        using var post = await ServeCommandTests.PostAsync(serve, ServeCommandTests.ContactMe, ServeCommandTests.Key);
        using var health = await serve.Client.GetAsync(new Uri(serve.BaseAddress, "/healthz"));
        var exitCode = await serve.StopAsync();

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (health.StatusCode, await health.Content.ReadAsStringAsync()));
        Assert.Equal(0, exitCode);
        Assert.Contains("database PostgreSQL", serve.Output, StringComparison.Ordinal);
        Assert.Equal(1L, await server.ScalarAsync(schema, "SELECT count(*) FROM leads"));
        Assert.False(System.IO.File.Exists(folder.File("unused.db")));
    }
}
