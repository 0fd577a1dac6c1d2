using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.FollowUp;
using Microsoft.AspNetCore.Http;

namespace MarketplaceLeads.Dashboard;

/// <summary>Today: the overdue replies (the oldest first), the replies due (the soonest deadline first), then the nurture touches — the <c>due</c> command's list (<see cref="DueList"/>), which never holds a do-not-contact or test customer.</summary>
internal sealed partial class DashboardEndpoints
{
    private async Task TodayAsync(HttpContext context)
    {
        var snapshot = await ReadSnapshotAsync(context).ConfigureAwait(false);
        var overdue = DueList.Overdue(snapshot.Planner, snapshot.Profiles, snapshot.Log, snapshot.Holds);
        var due = DueList.Due(snapshot.Planner, snapshot.Profiles, snapshot.Log, snapshot.Holds);
        var replies = due.Where(static r => r.Kind == FollowUpTaskKind.Respond).ToList();
        var touches = due.Where(static r => r.Kind == FollowUpTaskKind.Touch).ToList();
        var root = Html.E(Base(context));
        await WritePageAsync(context, "Today", "/", StatusCodes.Status200OK, html =>
        {
            html.Raw("<ul class=\"cards\" aria-label=\"Summary\">")
                .Raw($"<li class=\"card{(overdue.Count > 0 ? " alert" : string.Empty)}\"><span class=\"count\">{Html.N(overdue.Count)}</span> overdue {(overdue.Count == 1 ? "reply" : "replies")}</li>")
                .Raw($"<li class=\"card\"><span class=\"count\">{Html.N(replies.Count)}</span> {(replies.Count == 1 ? "reply" : "replies")} due</li>")
                .Raw($"<li class=\"card\"><span class=\"count\">{Html.N(touches.Count)}</span> nurture {(touches.Count == 1 ? "touch" : "touches")}</li>")
                .Raw($"<li class=\"card\"><a href=\"{root}/review\"><span class=\"count\">{Html.N(snapshot.PossibleDuplicates.Count)}</span> to review</a></li>")
                .Raw("</ul>");
            var all = context.Request.Query["all"].ToString();
            Section(html, context, "overdue", "Overdue replies", "No reply is overdue.", overdue, snapshot.Now, all == "overdue" ? int.MaxValue : ShortList);
            Section(html, context, "due", "Replies due", "No reply is due: every request is answered.", replies, snapshot.Now, int.MaxValue);
            Section(html, context, "touches", "Nurture touches", "No nurture touch is due.", touches, snapshot.Now, all == "touches" ? int.MaxValue : ShortList);
        }).ConfigureAwait(false);
    }

    /// <summary>How many overdue replies and nurture touches the page lists before a "show all" link (the replies due are all listed).</summary>
    private const int ShortList = 25;

    private void Section(Html html, HttpContext context, string id, string title, string empty, IReadOnlyList<DueItem> rows, System.DateTimeOffset now, int limit)
    {
        var root = Html.E(Base(context));
        html.Raw($"<section aria-labelledby=\"{id}-title\"><h2 id=\"{id}-title\">").Text(title).Raw($" <span class=\"badge\">{Html.N(rows.Count)}</span></h2>");
        if (rows.Count == 0)
        {
            html.Raw("<p class=\"empty\">").Text(empty).Raw("</p></section>");
            return;
        }

        html.Raw($"<div class=\"table\" tabindex=\"0\" role=\"region\" aria-labelledby=\"{id}-title\"><table id=\"{id}-list\"><thead><tr><th scope=\"col\">Due</th><th scope=\"col\">Task</th><th scope=\"col\">Customer</th><th scope=\"col\">Offer</th><th scope=\"col\">Country</th></tr></thead><tbody>");
        foreach (var row in rows.Take(limit))
        {
            var customer = row.Context;
            var name = string.Join(' ', new[] { customer.FirstName, customer.LastName }.Where(static s => !string.IsNullOrWhiteSpace(s)));
            var task = row.Touch is { } touch
                ? string.Create(CultureInfo.InvariantCulture, $"Nurture touch {touch.Number} of {touch.Of}")
                : row.Requests.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $"Reply: {row.Action} ({row.Requests.Count} requests)") : "Reply: " + row.Action;
            html.Raw($"<tr data-profile=\"{Html.E(row.ProfileId.ToString())}\" class=\"{(row.IsOverdue ? "overdue" : "due")}\">")
                .Raw($"<td data-label=\"Due\"><span class=\"countdown\" data-due=\"{row.DueAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}\">").Text(Countdown(row.DueAt, now)).Raw("</span><br><small>").Raw(TimeElement(row.DueAt)).Raw("</small></td>")
                .Raw("<td data-label=\"Task\">").Text(task).Raw("</td>")
                .Raw($"<td data-label=\"Customer\"><a href=\"{root}/customers/{Html.E(row.ProfileId.ToString())}\">").Text(name.Length > 0 ? name : "Customer " + row.ProfileId.ToString()[..8]).Raw("</a>");
            if (!string.IsNullOrWhiteSpace(customer.Company))
            {
                html.Raw("<br><small>").Text(customer.Company).Raw("</small>");
            }

            html.Raw("</td><td data-label=\"Offer\">").Text(row.OfferTitle ?? row.Offer.ToString()).Raw("</td>")
                .Raw("<td data-label=\"Country\">").Text(customer.Country).Raw("</td></tr>");
        }

        html.Raw("</tbody></table></div>");
        if (rows.Count > limit)
        {
            html.Raw($"<p><a href=\"{root}/?all={id}#{id}-title\">").Text(string.Create(CultureInfo.InvariantCulture, $"Show all {rows.Count:N0} ({rows.Count - limit:N0} more)")).Raw("</a></p>");
        }

        html.Raw("</section>");
    }
}
