using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.AotSmoke;

/// <summary>
/// The dashboard in a NativeAOT binary: a tiny ASP.NET Core host (Kestrel on 127.0.0.1) with <c>AddMarketplaceLeadsDashboard</c>
/// and <c>MapMarketplaceLeadsDashboard</c>; the sign-in page, the admin key's cookie (antiforgery-validated form), today's
/// list with the <em>Contact me</em> lead, and the embedded stylesheet.
/// </summary>
internal static partial class DashboardSmoke
{
    private const string AdminKey = "aot-dashboard-key-0123456789";

    public static async Task CheckAsync(SmokeRun run, Lead? contactMe)
    {
        if (contactMe is null)
        {
            run.Check("the dashboard serves today's list", e => e.Fail("no Contact me lead was read"));
            return;
        }

        await run.CheckAsync("MapMarketplaceLeadsDashboard: sign in with the admin key, today's list holds the Contact me reply, the CSS is embedded", async e =>
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            builder.Services.AddSingleton<TimeProvider>(new FixedClock(contactMe.ReceivedAt.AddHours(1)));
            builder.Services.AddMarketplaceLeads().UseFollowUp().AddSink(static (_, _) => ValueTask.CompletedTask);
            builder.Services.AddMarketplaceLeadsDashboard(o => o.AdminKey = AdminKey);
            await using var app = builder.Build();
            app.MapMarketplaceLeadsDashboard();
            await app.StartAsync();
            try
            {
                await app.Services.GetRequiredService<ILeadPipeline>().SubmitAsync(contactMe);
                var store = app.Services.GetRequiredService<ILeadDeduplicationStore>();
                for (var i = 0; i < 200 && await store.FindProfileByLeadAsync(contactMe.Id) is null; i++)
                {
                    await Task.Delay(25);
                }

                var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
                using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(address) };
                var signIn = await client.GetStringAsync("/dashboard/login");
                var token = Token().Match(signIn);
                e.True(token.Success, "the sign-in form has an antiforgery token");
                using var response = await client.PostAsync("/dashboard/login", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["key"] = AdminKey,
                    ["returnUrl"] = "/dashboard/",
                    ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                }));
                var today = await response.Content.ReadAsStringAsync();
                e.True(response.StatusCode == HttpStatusCode.OK && response.RequestMessage!.RequestUri!.AbsolutePath == "/dashboard/", $"signed in: {response.StatusCode} at {response.RequestMessage?.RequestUri}");
                e.True(today.Contains($"data-profile=\"{contactMe.Id}\"", StringComparison.Ordinal) && today.Contains("Reply: Contact me", StringComparison.Ordinal), "today's list holds the Contact me reply");
                using var css = await client.GetAsync("/dashboard/assets/dashboard.css");
                e.True(css.IsSuccessStatusCode && (await css.Content.ReadAsStringAsync()).Contains("@media", StringComparison.Ordinal), "the embedded stylesheet is served");
            }
            finally
            {
                await app.StopAsync();
            }
        });
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
