using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using MarketplaceLeads.Cli.Tests.Support;
using MarketplaceLeads.Http;
using MarketplaceLeads.Http.Tests;
using MarketplaceLeads.Sqlite;

namespace MarketplaceLeads.Cli.Tests;

/// <summary><c>serve</c>: the receiver, <c>/healthz</c>, the graceful stop and the alerts, on a temp SQLite database and an appsettings.json written here.</summary>
public sealed class ServeCommandTests
{
    internal const string Key = "serve-test-key-0123456789";
    private const string AlertSecret = "alert-signing-secret";

    /// <summary>The documented AppSource <em>Contact me</em> payload (samples/payloads/README.md).</summary>
    internal static readonly string ContactMe = File.ReadAllText(Path.Combine(CliRunner.RepositoryRoot, "samples", "payloads", "https-contact-me.json"));

    [Fact]
    public async Task Serve_StoresAPostedLead_AnswersHealthz_RefusesAWrongKey_AndStopsWithExitZero()
    {
        using var folder = new TempFolder();
        var database = folder.File("leads.db");
        await using var serve = await ServeRun.StartAsync(new ManualClock(CliRunner.NowValue), database, Config(folder, Receiver()));

        using var accepted = await PostAsync(serve, ContactMe, Key);
        using var refused = await PostAsync(serve, ContactMe, "wrong-key-wrong-key-wrong");
        using var health = await serve.Client.GetAsync(new Uri(serve.BaseAddress, "/healthz"));
        var exitCode = await serve.StopAsync();

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("""{"accepted":1,"alreadyAccepted":0}""", await accepted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal((HttpStatusCode.OK, "Healthy"), (health.StatusCode, await health.Content.ReadAsStringAsync()));
        Assert.Equal(0, exitCode);
        Assert.Contains("leads POST /marketplace/leads, health /healthz", serve.Output, StringComparison.Ordinal);
        Assert.Contains("dashboard off (no MarketplaceLeads:Dashboard:AdminKey)", serve.Output, StringComparison.Ordinal);
        var stored = Assert.Single(await ReadLeadsAsync(database));
        Assert.Equal("ana.garcia@fabrikam.example", stored.Lead.Customer.Email);

        var report = await CliRunner.RunAsync("report", "--db", database, "--now", CliRunner.Now);
        Assert.Equal(0, report.ExitCode);
        Assert.Contains("Funnel by offer", report.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_StoppedRightAfterManyPosts_LosesNoAcceptedLead()
    {
        using var folder = new TempFolder();
        var database = folder.File("leads.db");
        await using var serve = await ServeRun.StartAsync(new ManualClock(CliRunner.NowValue), database, Config(folder, Receiver()));

        var posts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => PostAsync(serve, Person(i), Key)));
        var exitCode = await serve.StopAsync(); // SIGTERM's path: stop accepting, finish in-flight requests, drain the pipeline

        Assert.Equal(0, exitCode);
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
        Assert.Equal(
            Enumerable.Range(0, 40).Select(i => $"person{i}@fabrikam.example").Order(StringComparer.Ordinal),
            (await ReadLeadsAsync(database)).Select(l => l.Lead.Customer.Email!).Order(StringComparer.Ordinal));
        Dispose(posts);
    }

    [Fact]
    public async Task Serve_WithAWebhookNotifier_SendsABreachAlert_ForAnOverdueContactMeLead()
    {
        await using var webhook = await WebhookServer.StartAsync();
        using var folder = new TempFolder();
        var clock = new ManualClock(CliRunner.NowValue);
        var alerts = new JsonObject
        {
            ["CheckInterval"] = "00:00:01",
            ["Webhook"] = new JsonObject { ["Url"] = webhook.Endpoint.ToString(), ["SigningSecret"] = AlertSecret },
        };
        await using var serve = await ServeRun.StartAsync(clock, folder.File("leads.db"), Config(folder, Receiver(), alerts));

        using var post = await PostAsync(serve, ContactMe, Key);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        clock.Now = CliRunner.NowValue.AddHours(25); // the 24-hour Contact me reply is an hour late
        await Polling.WaitAsync(() => webhook.Count > 0, TimeSpan.FromSeconds(60), () => "no alert reached the webhook: " + serve.Error);
        Assert.Equal(0, await serve.StopAsync());

        var request = Assert.Single(webhook.Requests);
        Assert.True(WebhookSignature.Verify(AlertSecret, request.Header(WebhookFormat.TimestampHeader), request.Header(WebhookFormat.SignatureHeader), request.Body, clock.Now, TimeSpan.FromMinutes(5)));
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal(("breach", "PartnerLedTrial", "contoso.contoso-crm-connector"), (json.RootElement.GetProperty("kind").GetString(), json.RootElement.GetProperty("action").GetString(), json.RootElement.GetProperty("offer").GetString()));
        Assert.Contains("alerts on", serve.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_WithADashboardAdminKey_MountsTheDashboard_BehindItsSignInPage()
    {
        using var folder = new TempFolder();
        var config = folder.File("appsettings.json");
        await File.WriteAllTextAsync(config, """{"MarketplaceLeads":{"Receiver":{"SharedSecret":"serve-test-key-0123456789"},"Dashboard":{"AdminKey":"serve-dashboard-key-0123456789","Path":"/team","TimeZone":"Europe/Paris"}}}""");
        await using var serve = await ServeRun.StartAsync(new ManualClock(CliRunner.NowValue), folder.File("leads.db"), config);

        using var today = await serve.Client.GetAsync(new Uri(serve.BaseAddress, "/team/"));
        var page = await today.Content.ReadAsStringAsync();
        Assert.Equal(0, await serve.StopAsync());

        Assert.Equal(HttpStatusCode.OK, today.StatusCode);
        Assert.Equal("/team/login", today.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains("<label for=\"admin-key\">Admin key</label>", page, StringComparison.Ordinal);
        Assert.Contains("Times in Europe/Paris", page, StringComparison.Ordinal);
        Assert.Contains("dashboard /team", serve.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("serve-dashboard-key", serve.Output + serve.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"MarketplaceLeads":{"Receiver":{"SharedSecret":"serve-test-key-0123456789"},"Dashboard":{"AdminKey":"serve-test-key"}}}""", "MarketplaceLeadsDashboardOptions.AdminKey must be at least 16 characters; it has 14")]
    [InlineData("""{"MarketplaceLeads":{"Receiver":{"SharedSecret":"serve-test-key-0123456789"},"Dashboard":{"AdminKey":"serve-test-key-0123456789","TimeZone":"Mars/Olympus"}}}""", "MarketplaceLeadsDashboardOptions.TimeZone must be a time zone id such as UTC, Europe/Paris or America/New_York; it is 'Mars/Olympus'")]
    [InlineData("""{"MarketplaceLeads":{"Receiver":{"SharedSecret":"serve-test-key-0123456789"},"Alerts":{"CheckInterval":"soon","Slack":{"Url":"https://hooks.slack.example/x"}}}}""", "MarketplaceLeads:Alerts:CheckInterval must be a time span")]
    [InlineData("""{"MarketplaceLeads":{"Receiver":{"SharedSecret":"serve-test-key-0123456789"},"Alerts":{"Teams":{"Url":"not a url"}}}}""", "MarketplaceLeads:Alerts:Teams:Url must be an absolute https:// URL")]
    [InlineData("""{"MarketplaceLeads":{"Receiver":{"SharedSecret":"short"}}}""", "SharedSecret must be at least 16 characters")]
    [InlineData("""{"MarketplaceLeads":{"Receiver":{}}}""", "SharedSecret is required")]
    [InlineData("""{"MarketplaceLeads":{"Receiver":{"SharedSecret":"serve-test-key-0123456789"},"Alerts":{"CheckInterval":"00:00:00.001","Slack":{"Url":"https://hooks.slack.example/x"}}}}""", "CheckInterval must be between")]
    public async Task Serve_BadConfiguration_ExitsOne_NamingTheSetting(string json, string message)
    {
        using var folder = new TempFolder();
        var config = folder.File("appsettings.json");
        await File.WriteAllTextAsync(config, json);

        var run = await CliRunner.RunAsync("serve", "--db", folder.File("leads.db"), "--config", config, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("serve-test-key", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_MissingConfigFile_ExitsOne()
    {
        using var folder = new TempFolder();

        var run = await CliRunner.RunAsync("serve", "--db", folder.File("leads.db"), "--config", folder.File("nope.json"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("nope.json does not exist", run.Error, StringComparison.Ordinal);
    }

    /// <summary>The built tool as a process: SIGTERM stops it gracefully (exit 0) with the posted leads in the database.</summary>
    [Fact]
    public async Task Tool_Serve_Sigterm_StopsGracefully_WithEveryAcceptedLeadStored()
    {
        using var folder = new TempFolder();
        var database = folder.File("leads.db");
        var port = ServeRun.FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder.Path };
        foreach (var arg in (string[])[Path.Combine(AppContext.BaseDirectory, "marketplace-leads.dll"), "serve", "--db", database, "--config", Config(folder, Receiver()), "--urls", address.ToString().TrimEnd('/')])
        {
            start.ArgumentList.Add(arg);
        }

        using var tool = Process.Start(start)!;
        var output = tool.StandardOutput.ReadToEndAsync();
        var error = tool.StandardError.ReadToEndAsync();
        using var client = new HttpClient();
        await Polling.WaitAsync(() => tool.HasExited || Healthy(client, address), TimeSpan.FromSeconds(60), () => "serve did not start");
        if (tool.HasExited)
        {
            Assert.Fail($"serve exited with {tool.ExitCode}: {await error}");
        }

        var posts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => PostAsync(client, address, Person(i), Key)));
        using (var kill = Process.Start("kill", ["-TERM", tool.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await tool.WaitForExitAsync();
        Assert.True(tool.ExitCode == 0, $"exit {tool.ExitCode}: {await error}");
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));
        Assert.Contains("stopped: every accepted lead is in the database.", await output, StringComparison.Ordinal);
        Assert.Equal(10, (await ReadLeadsAsync(database)).Count);
        Dispose(posts);
    }

    private static void Dispose(HttpResponseMessage[] responses)
    {
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    internal static JsonObject Receiver() => new() { ["SharedSecret"] = Key };

    /// <summary>Writes appsettings.json with the MarketplaceLeads section (and quiet logging); returns its path.</summary>
    internal static string Config(TempFolder folder, JsonObject receiver, JsonObject? alerts = null, JsonObject? postgreSql = null)
    {
        var section = new JsonObject { ["Receiver"] = receiver };
        if (alerts is not null)
        {
            section["Alerts"] = alerts;
        }

        if (postgreSql is not null)
        {
            section["PostgreSql"] = postgreSql;
        }

        var root = new JsonObject
        {
            ["Logging"] = new JsonObject { ["LogLevel"] = new JsonObject { ["Default"] = "Warning" } },
            ["MarketplaceLeads"] = section,
        };
        var path = folder.File("appsettings.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    /// <summary>The Contact me sample with another person's name and e-mail.</summary>
    private static string Person(int i)
    {
        var lead = JsonNode.Parse(ContactMe)!;
        lead["UserDetails"]!["FirstName"] = $"Person{i}";
        lead["UserDetails"]!["Email"] = $"person{i}@fabrikam.example";
        lead["UserDetails"]!["Phone"] = null;
        return lead.ToJsonString();
    }

    internal static Task<HttpResponseMessage> PostAsync(ServeRun serve, string body, string key) => PostAsync(serve.Client, serve.BaseAddress, body, key);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, Uri address, string body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/marketplace/leads")) { Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };
        request.Headers.Add("X-MarketplaceLeads-Key", key);
        return client.SendAsync(request);
    }

    private static bool Healthy(HttpClient client, Uri address)
    {
        try
        {
            using var response = client.GetAsync(new Uri(address, "/healthz")).GetAwaiter().GetResult();
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<List<StoredLead>> ReadLeadsAsync(string database)
    {
        await using var db = new SqliteLeadDatabase(new SqliteLeadsOptions { Path = database });
        var leads = new List<StoredLead>();
        await foreach (var lead in db.ReadLeadsAsync())
        {
            leads.Add(lead);
        }

        return leads;
    }
}
