using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using MarketplaceLeads.Dashboard.Tests.Support;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Dashboard.Tests;

/// <summary>The dashboard over plain HTTP: sign-in, antiforgery, the pages over the sample database, and no personal data in URLs or logs.</summary>
[Collection(SampleDatabaseDefinition.Name)]
public sealed partial class DashboardHttpTests(SampleDatabase samples)
{
    private static readonly string[] Pages = ["/dashboard/", "/dashboard/funnel", "/dashboard/review", "/dashboard/dead-letters"];

    [Fact]
    public async Task EveryPage_WithoutSignIn_RedirectsToTheSignInPage_AndAFormPostChangesNothing()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        using var client = server.CreateClient();
        var (profile, _) = await FirstDueAsync(server);
        foreach (var page in Pages.Append($"/dashboard/customers/{profile}"))
        {
            using var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/dashboard/login?returnUrl=", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }

        using var post = await client.PostAsync($"/dashboard/customers/{profile}/touches", new FormUrlEncodedContent(new Dictionary<string, string> { ["kind"] = "called" }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Empty((await server.Services.GetRequiredService<IFollowUpStore>().ReadLogAsync()).Touches);
    }

    [Fact]
    public async Task SignIn_AWrongKeyIs401_TheAdminKeyGivesAnHttpOnlySameSiteCookie_AndSignOutEndsIt()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        using var client = server.CreateClient();
        using (var wrong = await DashboardServer.PostFormAsync(client, "/dashboard/login", "/dashboard/login", new() { ["key"] = "not-the-admin-key-at-all" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("That is not the admin key.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var right = await DashboardServer.PostFormAsync(client, "/dashboard/login?returnUrl=%2Fdashboard%2Freview", "/dashboard/login", new() { ["key"] = DashboardServer.AdminKey, ["returnUrl"] = "/dashboard/review" }))
        {
            Assert.Equal(HttpStatusCode.SeeOther, right.StatusCode);
            Assert.Equal("/dashboard/review", right.Headers.Location!.OriginalString);
            var cookie = right.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".MarketplaceLeads.Dashboard=", StringComparison.Ordinal));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        }

        using (var today = await client.GetAsync("/dashboard/"))
        {
            Assert.Equal(HttpStatusCode.OK, today.StatusCode);
        }

        using (var logout = await DashboardServer.PostFormAsync(client, "/dashboard/", "/dashboard/logout", []))
        {
            Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        }

        using var after = await client.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains(server.Logs.Messages, m => m.Message.Contains("sign-in with a wrong admin key was refused", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/dashboard/")]
    [InlineData("/elsewhere")]
    public async Task SignIn_NeverRedirectsOutsideTheDashboard(string returnUrl)
    {
        await using var server = await DashboardServer.StartAsync(samples);
        using var client = server.CreateClient();
        using var response = await DashboardServer.PostFormAsync(client, "/dashboard/login", "/dashboard/login", new() { ["key"] = DashboardServer.AdminKey, ["returnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/dashboard/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task APostWithoutItsAntiforgeryToken_Is400_AndChangesNothing()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        using var client = await server.SignInAsync();
        var (profile, offer) = await FirstDueAsync(server);
        using var touch = await client.PostAsync($"/dashboard/customers/{profile}/touches", new FormUrlEncodedContent(new Dictionary<string, string> { ["offer"] = offer, ["kind"] = "called" }));
        Assert.Equal(HttpStatusCode.BadRequest, touch.StatusCode);
        Assert.Contains("antiforgery token is missing or does not match", await touch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var queue = await server.Services.GetRequiredService<ILeadReview>().GetReviewQueueAsync();
        using var accept = await client.PostAsync("/dashboard/review/accept", new FormUrlEncodedContent(new Dictionary<string, string> { ["first"] = queue[0].First.Id.ToString(), ["second"] = queue[0].Second.Id.ToString(), ["__RequestVerificationToken"] = "forged" }));
        Assert.Equal(HttpStatusCode.BadRequest, accept.StatusCode);
        Assert.Empty((await server.Services.GetRequiredService<IFollowUpStore>().ReadLogAsync()).Touches);
        Assert.Equal(queue.Count, (await server.Services.GetRequiredService<ILeadReview>().GetReviewQueueAsync()).Count);
    }

    [Fact]
    public async Task Today_ListsTheSampleDueList_OverdueFirstThenByDeadline_NeverADoNotContactCustomer()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        using var client = await server.SignInAsync();
        var page = await client.GetStringAsync("/dashboard/");
        var (profiles, log, holds, planner) = await StateAsync(server);
        var overdue = DueList.Overdue(planner, profiles, log, holds);
        var due = DueList.Due(planner, profiles, log, holds);
        var replies = due.Where(static r => r.Kind == FollowUpTaskKind.Respond).ToList();
        var touches = due.Where(static r => r.Kind == FollowUpTaskKind.Touch).ToList();
        Assert.True(overdue.Count > 25 && replies.Count > 0, $"the samples give {overdue.Count} overdue, {replies.Count} due, {touches.Count} touches");
        var expected = overdue.Take(25).Concat(replies).Concat(touches.Take(25)).Select(static r => r.ProfileId.ToString()).ToList();
        Assert.Equal(expected, RowProfiles().Matches(page).Select(static m => m.Groups[1].Value).ToList());
        Assert.Contains($"Show all {overdue.Count:N0}", page, StringComparison.Ordinal);
        var all = await client.GetStringAsync("/dashboard/?all=overdue");
        Assert.Equal(overdue.Concat(replies).Concat(touches.Take(25)).Select(static r => r.ProfileId.ToString()), RowProfiles().Matches(all).Select(static m => m.Groups[1].Value));
        foreach (var dnc in profiles.Where(static p => p.DoNotContact))
        {
            Assert.DoesNotContain(dnc.Id.ToString(), page, StringComparison.Ordinal);
        }

        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
        Assert.Contains("<main id=\"main\"", page, StringComparison.Ordinal);
        Assert.Matches("class=\"countdown\" data-due=\"\\d+\">(in|overdue by) \\d+ (d|h|min)", page);
    }

    [Fact]
    public async Task RecordingATouch_FromTheCustomerPage_TakesTheReplyOffTodaysList()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        using var client = await server.SignInAsync();
        var (profile, offer) = await FirstDueAsync(server);
        Assert.Contains($"data-profile=\"{profile}\"", await client.GetStringAsync("/dashboard/"), StringComparison.Ordinal);
        var customer = $"/dashboard/customers/{profile}";
        using var response = await DashboardServer.PostFormAsync(client, customer, customer + "/touches", new() { ["offer"] = offer, ["kind"] = "emailed", ["note"] = "Sent the pricing sheet" });
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(customer + "?done=touch", response.Headers.Location!.OriginalString);
        var page = await client.GetStringAsync(customer + "?done=touch");
        Assert.Contains("The touch is recorded.", page, StringComparison.Ordinal);
        Assert.Contains("Sent the pricing sheet", page, StringComparison.Ordinal);
        var touch = Assert.Single((await server.Services.GetRequiredService<IFollowUpStore>().ReadLogAsync()).Touches);
        Assert.Equal(TouchKind.Emailed, touch.Kind);
        Assert.Equal(DashboardServer.Now, touch.At);
        var today = await client.GetStringAsync("/dashboard/");
        Assert.DoesNotContain(RowProfiles().Matches(today), m => m.Groups[1].Value == profile && m.Value.Contains("Reply", StringComparison.Ordinal));
        Assert.Contains(server.Logs.Messages, m => m.Message == $"Dashboard: a emailed touch recorded for profile {profile}");
    }

    [Fact]
    public async Task RecordingATouch_BadInput_IsAClearError_AndNothingIsRecorded()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        using var client = await server.SignInAsync();
        var (profile, offer) = await FirstDueAsync(server);
        var customer = $"/dashboard/customers/{profile}";
        using (var badKind = await DashboardServer.PostFormAsync(client, customer, customer + "/touches", new() { ["offer"] = offer, ["kind"] = "waved" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
            Assert.Contains("What was done must be one of emailed, called, meeting, qualified, disqualified, won, lost, closed; it is &#x27;waved&#x27;.", await badKind.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var badOffer = await DashboardServer.PostFormAsync(client, customer, customer + "/touches", new() { ["offer"] = "nobody.nothing", ["kind"] = "called" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badOffer.StatusCode);
            Assert.Contains("is not one of customer", await badOffer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var noReason = await DashboardServer.PostFormAsync(client, customer, customer + "/touches", new() { ["offer"] = offer, ["kind"] = "disqualified" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        }

        Assert.Empty((await server.Services.GetRequiredService<IFollowUpStore>().ReadLogAsync()).Touches);
    }

    [Fact]
    public async Task AcceptingAPossibleDuplicate_MergesTheTwoProfiles_AndTheMergedIdRedirectsToTheSurvivor()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        using var client = await server.SignInAsync();
        var review = server.Services.GetRequiredService<ILeadReview>();
        var item = (await review.GetReviewQueueAsync()).First(static i => !i.DoNotContact);
        var page = await client.GetStringAsync("/dashboard/review");
        Assert.Contains(item.First.Id.ToString(), page, StringComparison.Ordinal);
        Assert.Contains(item.Second.Id.ToString(), page, StringComparison.Ordinal);
        var token = DashboardServer.TokenOf(page, "/dashboard/review/accept");
        using var response = await client.PostAsync("/dashboard/review/accept", new FormUrlEncodedContent(new Dictionary<string, string> { ["first"] = item.First.Id.ToString(), ["second"] = item.Second.Id.ToString(), ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var survivor = item.First.Id < item.Second.Id ? item.First.Id : item.Second.Id;
        var merged = item.First.Id < item.Second.Id ? item.Second.Id : item.First.Id;
        Assert.Equal($"/dashboard/customers/{survivor}?done=merged", response.Headers.Location!.OriginalString);
        var profile = await server.Services.GetRequiredService<ILeadDeduplicationStore>().FindProfileAsync(survivor);
        Assert.Equal(item.First.Leads.Count + item.Second.Leads.Count, profile!.Leads.Count);
        Assert.DoesNotContain((await review.GetReviewQueueAsync()), i => i.Pair == item.Pair);
        using var old = await client.GetAsync($"/dashboard/customers/{merged}");
        Assert.Equal(HttpStatusCode.Redirect, old.StatusCode);
        Assert.Equal($"/dashboard/customers/{survivor}", old.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Funnel_IsServerRenderedSvg_PerOfferAndPerSource_WithTheNumbersInATable()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        using var client = await server.SignInAsync();
        var page = await client.GetStringAsync("/dashboard/funnel");
        Assert.Equal(2, Regex.Count(page, "<svg "));
        Assert.Contains("role=\"img\"", page, StringComparison.Ordinal);
        Assert.Contains("By offer", page, StringComparison.Ordinal);
        Assert.Contains("By source", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">AppSource</th>", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"row\">Fabrikam Insights</th>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadLetters_ShowTheRejectedRecord_WithItsRawPayload()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        using var client = await server.SignInAsync();
        var page = await client.GetStringAsync("/dashboard/dead-letters");
        Assert.Contains("Could not be read", page, StringComparison.Ordinal);
        Assert.Contains(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(SampleDatabase.NotALead), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryingADeadLetter_ThatIsALeadNow_SubmitsIt_AndMarksItRetried_OnceOnly()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        using var client = await server.SignInAsync();
        var store = (ILeadDeadLetterStore)server.Services.GetRequiredService<ILeadJournal>();
        var letter = await store.ReadStoredDeadLettersAsync().SingleAsync(static l => l.DeadLetter.RawPayload == SampleDatabase.TooLongThen);
        Assert.Null(letter.RetriedAt);
        var action = $"/dashboard/dead-letters/{letter.Id}/retry";
        using (var retry = await DashboardServer.PostFormAsync(client, "/dashboard/dead-letters", action, []))
        {
            Assert.Equal(HttpStatusCode.SeeOther, retry.StatusCode);
            Assert.Equal("/dashboard/dead-letters?done=retried", retry.Headers.Location!.OriginalString);
        }

        Assert.Equal(DashboardServer.Now, (await store.ReadStoredDeadLettersAsync().SingleAsync(l => l.Id == letter.Id)).RetriedAt);
        var profiles = server.Services.GetRequiredService<ILeadDeduplicationStore>();
        await Polling.WaitAsync(() => profiles.GetProfilesAsync().AnyAsync(static p => p.Emails.Contains("mei.tanaka@fabrikam.example")).AsTask().GetAwaiter().GetResult(), null, static () => "the retried lead never reached the profiles");
        var page = await client.GetStringAsync("/dashboard/dead-letters?done=retried");
        Assert.Contains("Retried: the record is a lead now", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"action=\"{action}\"", page, StringComparison.Ordinal);
        var token = DashboardServer.TokenOf(page, "/dashboard/logout");
        using var again = await client.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains($"Dead letter {letter.Id} was retried already", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(server.Logs.Messages, m => m.Message == $"Dashboard: dead letter {letter.Id} retried: a lead now");
    }

    [Fact]
    public async Task RetryingADeadLetterOfASink_DeliversTheLeadAgainToThatSink_AndMarksItRetried()
    {
        var crm = new SwitchableSink { Refuse = true };
        await using var server = await DashboardServer.StartAsync(samples, host: b => b.Services.AddMarketplaceLeads().AddSink(crm, "crm"));
        using var client = await server.SignInAsync();
        var lead = TestLeads.Person(1);
        await server.Services.GetRequiredService<ILeadPipeline>().SubmitAsync(lead);
        var store = (ILeadDeadLetterStore)server.Services.GetRequiredService<ILeadJournal>();
        StoredLeadDeadLetter? letter = null;
        // The pipeline's batch delay runs on the server's fake clock: moved on while waiting.
        bool Advanced()
        {
            server.Clock.Advance(TimeSpan.FromSeconds(1));
            return true;
        }

        await Polling.WaitAsync(() => Advanced() && (letter = store.ReadStoredDeadLettersAsync().FirstOrDefaultAsync(l => l.DeadLetter.Sink == "crm").AsTask().GetAwaiter().GetResult()) is not null, null, static () => "the CRM's refusal was not dead-lettered");
        Assert.Equal((LeadDeadLetterKind.DeliveryFailed, lead.Id), (letter!.DeadLetter.Kind, letter.DeadLetter.LeadId));
        var page = await client.GetStringAsync("/dashboard/dead-letters");
        var action = $"/dashboard/dead-letters/{letter.Id}/retry";
        Assert.Contains($"action=\"{action}\"", page, StringComparison.Ordinal); // a Retry button for a lead a sink did not take

        crm.Refuse = false; // the CRM takes it now
        using (var retry = await DashboardServer.PostFormAsync(client, "/dashboard/dead-letters", action, []))
        {
            Assert.Equal(HttpStatusCode.SeeOther, retry.StatusCode);
            Assert.Equal("/dashboard/dead-letters?done=redelivered", retry.Headers.Location!.OriginalString);
        }

        await Polling.WaitAsync(() => Advanced() && !crm.Delivered.IsEmpty, null, static () => "the lead was not delivered again to the CRM");
        var delivery = Assert.Single(crm.Delivered);
        Assert.Equal(lead.Id, delivery.Lead.Id);
        Assert.True(delivery.IsRedelivery);
        Assert.NotNull((await store.ReadStoredDeadLettersAsync().SingleAsync(l => l.Id == letter.Id)).RetriedAt);
        Assert.Contains(server.Logs.Messages, m => m.Message == $"Dashboard: dead letter {letter.Id} retried: delivered again to its sink");
    }

    [Fact]
    public async Task RetryingADeadLetter_ThatIsStillNotALead_KeepsIt_WithTheNewError()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        using var client = await server.SignInAsync();
        var store = (ILeadDeadLetterStore)server.Services.GetRequiredService<ILeadJournal>();
        var letter = await store.ReadStoredDeadLettersAsync().SingleAsync(static l => l.DeadLetter.RawPayload == SampleDatabase.NotALead);
        using (var retry = await DashboardServer.PostFormAsync(client, "/dashboard/dead-letters", $"/dashboard/dead-letters/{letter.Id}/retry", []))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, retry.StatusCode);
            Assert.Contains($"Dead letter {letter.Id} is still not a lead", await retry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var after = await store.ReadStoredDeadLettersAsync().SingleAsync(l => l.Id == letter.Id);
        Assert.Null(after.RetriedAt);
        Assert.EndsWith("(retried 2026-11-01 09:00 UTC)", after.DeadLetter.Reason, StringComparison.Ordinal);
        Assert.Equal(SampleDatabase.NotALead, after.DeadLetter.RawPayload);
        using var unknown = await DashboardServer.PostFormAsync(client, "/dashboard/dead-letters", $"/dashboard/dead-letters/{letter.Id}/retry", [], null, "/dashboard/dead-letters/999999/retry");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ACustomerPage_ShowsTheTimelineAndTheMatchExplanation_AnUnknownIdIs404()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        using var client = await server.SignInAsync();
        var (profiles, _, _, _) = await StateAsync(server);
        var joined = profiles.First(static p => p.Leads.Count > 1 && !p.IsTest && !p.DoNotContact);
        var page = await client.GetStringAsync($"/dashboard/customers/{joined.Id}");
        Assert.Contains("Timeline", page, StringComparison.Ordinal);
        Assert.Contains("joined an existing customer", page, StringComparison.Ordinal);
        Assert.Contains("Record a touch", page, StringComparison.Ordinal);
        using var unknown = await client.GetAsync("/dashboard/customers/00000000000000000000000000000001");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var notAnId = await client.GetAsync("/dashboard/customers/someone@example.com");
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
    }

    [Fact]
    public async Task NoUrlAndNoLogMessage_CarriesPersonalData()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        using var client = await server.SignInAsync();
        var urls = new List<string>();
        var pages = new List<string>(Pages);
        pages.AddRange(RowProfiles().Matches(await client.GetStringAsync("/dashboard/")).Select(static m => "/dashboard/customers/" + m.Groups[1].Value).Distinct().Take(15));
        foreach (var page in pages)
        {
            using var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            urls.AddRange(Links().Matches(await response.Content.ReadAsStringAsync()).Select(static m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)));
        }

        var (profile, offer) = await FirstDueAsync(server);
        using (var touch = await DashboardServer.PostFormAsync(client, $"/dashboard/customers/{profile}", $"/dashboard/customers/{profile}/touches", new() { ["offer"] = offer, ["kind"] = "called" }))
        {
            urls.Add(touch.Headers.Location!.OriginalString);
        }

        Assert.NotEmpty(urls);
        foreach (var url in urls.Distinct())
        {
            Assert.Matches(SafeUrl(), url);
        }

        var (profiles, _, _, _) = await StateAsync(server);
        var personal = profiles.SelectMany(static p => p.Emails.Concat(p.Phones).Append(p.Customer.FirstName + " " + p.Customer.LastName)).Where(static v => v is { Length: > 5 }).ToHashSet();
        foreach (var (category, message) in server.Logs.Messages)
        {
            Assert.DoesNotContain(personal, value => message.Contains(value!, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task TheAssets_AreServedFromThePackage_WithoutSignIn()
    {
        await using var server = await DashboardServer.StartAsync(samples);
        using var client = server.CreateClient();
        using var css = await client.GetAsync("/dashboard/assets/dashboard.css");
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains("@media (max-width: 40rem)", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var js = await client.GetAsync("/dashboard/assets/dashboard.js");
        Assert.Equal(HttpStatusCode.OK, js.StatusCode);
        using var none = await client.GetAsync("/dashboard/assets/other.js");
        Assert.Equal(HttpStatusCode.NotFound, none.StatusCode);
    }

    /// <summary>The profile and offer of the first row of today's list (the most urgent reply).</summary>
    internal static async Task<(string Profile, string Offer)> FirstDueAsync(DashboardServer server)
    {
        var (profiles, log, holds, planner) = await StateAsync(server);
        var first = DueList.Overdue(planner, profiles, log, holds).Concat(DueList.Due(planner, profiles, log, holds)).First();
        return (first.ProfileId.ToString(), first.Offer.ToString());
    }

    internal static async Task<(List<CustomerProfile> Profiles, FollowUpLog Log, DoNotContactHolds Holds, IFollowUpPlanner Planner)> StateAsync(DashboardServer server)
    {
        var store = server.Services.GetRequiredService<ILeadDeduplicationStore>();
        var profiles = new List<CustomerProfile>();
        await foreach (var profile in store.GetProfilesAsync())
        {
            profiles.Add(profile);
        }

        var possibles = new List<PossibleDuplicate>();
        await foreach (var pair in store.GetPossibleDuplicatesAsync())
        {
            possibles.Add(pair);
        }

        var log = await server.Services.GetRequiredService<IFollowUpStore>().ReadLogAsync();
        return (profiles, log, DoNotContactHolds.Create(profiles, possibles), server.Services.GetRequiredService<IFollowUpPlanner>());
    }

    [GeneratedRegex("<tr data-profile=\"([0-9a-f]{32})\"[^>]*>.*?</tr>", RegexOptions.Singleline)]
    internal static partial Regex RowProfiles();

    [GeneratedRegex("(?:href|action)=\"([^\"]*)\"")]
    private static partial Regex Links();

    /// <summary>Every URL the dashboard writes: its pages by id, and two query parameters that hold no data.</summary>
    [GeneratedRegex("^/dashboard(/|/funnel|/review(/accept|/reject)?|/dead-letters(/\\d+/retry)?|/customers/[0-9a-f]{32}(/touches|/split)?|/assets/dashboard\\.(css|js)|/login|/logout)?(\\?done=[a-z]+|\\?all=(overdue|touches)#(overdue|touches)-title)?(#main)?$|^#main$")]
    private static partial Regex SafeUrl();
}
