using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.FollowUp;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace MarketplaceLeads.Dashboard;

/// <summary>
/// The dashboard's endpoints, one file per page: plain <see cref="RequestDelegate"/>s that read the stores from the request's
/// services, write the page's HTML with <see cref="Html"/> and answer each form with a redirect (POST, then GET). This file
/// holds the mapping, the page frame and what every page shares.
/// </summary>
internal sealed partial class DashboardEndpoints(MarketplaceLeadsDashboardOptions options)
{
    /// <summary>What HTTP logging middleware may log of the dashboard: the path (ids only) but never a form's body (notes typed by a person).</summary>
    private const HttpLoggingFields SafeHttpLoggingFields =
        HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.RequestProtocol | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;

    private readonly TimeZoneInfo _zone = options.TimeZoneInfo;

    /// <summary>The pages of the navigation: path under the dashboard, label.</summary>
    private static readonly (string Path, string Label)[] Navigation =
    [
        ("/", "Today"),
        ("/funnel", "Funnel"),
        ("/review", "Review"),
        ("/dead-letters", "Dead letters"),
    ];

    public void Map(RouteGroupBuilder group)
    {
        group.MapGet("/", (RequestDelegate)TodayAsync).WithDisplayName("Dashboard: today");
        group.MapGet("/funnel", (RequestDelegate)FunnelAsync).WithDisplayName("Dashboard: funnel");
        group.MapGet("/customers/{id}", (RequestDelegate)CustomerAsync).WithDisplayName("Dashboard: customer");
        group.MapPost("/customers/{id}/touches", (RequestDelegate)RecordTouchAsync).WithDisplayName("Dashboard: record a touch");
        group.MapPost("/customers/{id}/split", (RequestDelegate)SplitAsync).WithDisplayName("Dashboard: split a customer");
        group.MapGet("/review", (RequestDelegate)ReviewAsync).WithDisplayName("Dashboard: review queue");
        group.MapPost("/review/accept", (RequestDelegate)AcceptAsync).WithDisplayName("Dashboard: accept a possible duplicate");
        group.MapPost("/review/reject", (RequestDelegate)RejectAsync).WithDisplayName("Dashboard: reject a possible duplicate");
        group.MapGet("/dead-letters", (RequestDelegate)DeadLettersAsync).WithDisplayName("Dashboard: dead letters");
        group.MapPost("/dead-letters/{id}/retry", (RequestDelegate)RetryDeadLetterAsync).WithDisplayName("Dashboard: retry a dead letter");
        group.MapGet("/assets/{name}", (RequestDelegate)AssetAsync).WithDisplayName("Dashboard: assets").AllowAnonymous();
        if (options.AdminKey is not null)
        {
            group.MapGet("/login", (RequestDelegate)LoginPageAsync).WithDisplayName("Dashboard: sign in").AllowAnonymous();
            group.MapPost("/login", (RequestDelegate)LoginAsync).WithDisplayName("Dashboard: sign in (POST)").AllowAnonymous();
            group.MapPost("/logout", (RequestDelegate)LogoutAsync).WithDisplayName("Dashboard: sign out");
        }

        group.WithHttpLogging(SafeHttpLoggingFields);
    }

    /// <summary>Gets the dashboard's base URL path for links (the app's path base, then <see cref="MarketplaceLeadsDashboardOptions.Path"/>).</summary>
    private string Base(HttpContext context) => context.Request.PathBase.Add(new PathString(options.Path == "/" ? string.Empty : options.Path)).Value ?? string.Empty;

    private static ILogger Logger(HttpContext context) =>
        context.RequestServices.GetService<ILoggerFactory>()?.CreateLogger("MarketplaceLeads.Dashboard") ?? NullLogger.Instance;

    private static TimeProvider Clock(HttpContext context) => context.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;

    /// <summary>The hidden antiforgery field of a form (and the antiforgery cookie, set on the response).</summary>
    private static string AntiforgeryField(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{Html.E(tokens.FormFieldName)}\" value=\"{Html.E(tokens.RequestToken)}\">";
    }

    /// <summary>Validates a POST's antiforgery token and reads its form; answers 400 and returns <see langword="null"/> when the token is missing or wrong.</summary>
    private async Task<IFormCollection?> ReadFormAsync(HttpContext context)
    {
        try
        {
            await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException)
        {
            DashboardLog.AntiforgeryRejected(Logger(context), context.Request.Path.Value ?? string.Empty);
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "The form was refused: its antiforgery token is missing or does not match (the page may be old, or the form did not come from the dashboard). Reload the page and send it again.").ConfigureAwait(false);
            return null;
        }

        return await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Answers a form with 303 See Other to a page of the dashboard.</summary>
    private Task RedirectAsync(HttpContext context, string path)
    {
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = Base(context) + path;
        return Task.CompletedTask;
    }

    /// <summary>Answers an error page: the status code and what went wrong, in the user's terms (ids only).</summary>
    private Task ErrorAsync(HttpContext context, int statusCode, string message) =>
        WritePageAsync(context, statusCode == StatusCodes.Status404NotFound ? "Not found" : "Something is wrong", null, statusCode, html =>
        {
            html.Raw("<p class=\"error\" role=\"alert\">").Text(message).Raw("</p>");
            html.Raw($"<p><a href=\"{Html.E(Base(context))}/\">Back to today's list</a></p>");
        });

    /// <summary>Writes a whole page: the frame (language, landmarks, navigation, sign-out) around <paramref name="body"/>.</summary>
    private async Task WritePageAsync(HttpContext context, string title, string? current, int statusCode, Action<Html> body)
    {
        var html = new Html();
        var root = Html.E(Base(context));
        var now = Clock(context).GetUtcNow();
        html.Raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw("<title>").Text(title).Raw(" · Marketplace leads</title>")
            .Raw($"<link rel=\"stylesheet\" href=\"{root}/assets/dashboard.css\"><script src=\"{root}/assets/dashboard.js\" defer></script></head>")
            .Raw($"<body data-now=\"{now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}\">")
            .Raw("<a class=\"skip\" href=\"#main\">Skip to the content</a><header class=\"top\"><p class=\"brand\">Marketplace leads</p>");
        if (current is not null)
        {
            html.Raw("<nav aria-label=\"Dashboard\"><ul>");
            foreach (var (path, label) in Navigation)
            {
                html.Raw($"<li><a href=\"{root}{path}\"{(path == current ? " aria-current=\"page\"" : string.Empty)}>").Text(label).Raw("</a></li>");
            }

            html.Raw("</ul></nav>");
            if (options.AdminKey is not null)
            {
                html.Raw($"<form class=\"logout\" method=\"post\" action=\"{root}/logout\">{AntiforgeryField(context)}<button type=\"submit\" class=\"link\">Sign out</button></form>");
            }
        }

        html.Raw("</header><main id=\"main\" tabindex=\"-1\"><h1>").Text(title).Raw("</h1>");
        body(html);
        html.Raw("</main><footer><p>Times in ").Text(_zone.Id).Raw(" · now ").Text(Time(now)).Raw("</p></footer></body></html>");
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/html; charset=utf-8";
        var headers = context.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        await context.Response.WriteAsync(html.ToString(), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Formats a time in the dashboard's time zone.</summary>
    private string Time(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, _zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A <c>&lt;time&gt;</c> element with the local time.</summary>
    private string TimeElement(DateTimeOffset at) =>
        $"<time datetime=\"{at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}\">{Html.E(Time(at))}</time>";

    /// <summary>"in 3 h 20 min" or "overdue by 2 d 4 h": the countdown to a deadline, which the page's script keeps counting.</summary>
    internal static string Countdown(DateTimeOffset dueAt, DateTimeOffset now)
    {
        var left = dueAt - now;
        var span = left.Duration();
        var text = span.TotalDays >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} d {span.Hours} h")
            : span.TotalHours >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} h {span.Minutes} min")
                : string.Create(CultureInfo.InvariantCulture, $"{Math.Max(span.Minutes, left < TimeSpan.Zero ? 1 : 0)} min");
        return left < TimeSpan.Zero ? "overdue by " + text : "in " + text;
    }

    /// <summary>A customer's name for a person to read, or their profile id when the leads carry no name.</summary>
    private static string DisplayName(CustomerInfo customer, CustomerProfileId id)
    {
        var name = string.Join(' ', new[] { customer.FirstName, customer.LastName }.Where(static s => !string.IsNullOrWhiteSpace(s)));
        return name.Length > 0 ? name : "Customer " + id.ToString()[..8];
    }

    /// <summary>Reads the route value <c>id</c> as a lead or profile id; <see langword="null"/> when it is not one.</summary>
    private static LeadId? RouteId(HttpContext context) =>
        context.Request.RouteValues["id"] is string text && LeadId.TryParse(text, out var id) ? id : null;

    /// <summary>The state a page shows, read once per request: every profile, the possible duplicates, the touch log and the holds.</summary>
    private static async Task<Snapshot> ReadSnapshotAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var store = services.GetRequiredService<ILeadDeduplicationStore>();
        var profiles = new List<CustomerProfile>();
        await foreach (var profile in store.GetProfilesAsync(context.RequestAborted).ConfigureAwait(false))
        {
            profiles.Add(profile);
        }

        var possibles = new List<PossibleDuplicate>();
        await foreach (var pair in store.GetPossibleDuplicatesAsync(context.RequestAborted).ConfigureAwait(false))
        {
            possibles.Add(pair);
        }

        var log = await services.GetRequiredService<IFollowUpStore>().ReadLogAsync(context.RequestAborted).ConfigureAwait(false);
        var clock = Clock(context);
        var planner = services.GetService<IFollowUpPlanner>() ?? new FollowUpPlanner(new FollowUpOptions(), clock);
        return new Snapshot(profiles, possibles, log, DoNotContactHolds.Create(profiles, possibles), planner, clock.GetUtcNow());
    }

    private sealed record Snapshot(
        List<CustomerProfile> Profiles,
        List<PossibleDuplicate> PossibleDuplicates,
        FollowUpLog Log,
        DoNotContactHolds Holds,
        IFollowUpPlanner Planner,
        DateTimeOffset Now);
}
