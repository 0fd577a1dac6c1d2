using System;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Dashboard;

/// <summary>The review queue of possible duplicates (<see cref="ILeadReview.GetReviewQueueAsync"/>), do-not-contact pairs first, each with Accept (merge) and Reject (keep apart); a split is on the customer's page.</summary>
internal sealed partial class DashboardEndpoints
{
    private async Task ReviewAsync(HttpContext context)
    {
        var queue = await context.RequestServices.GetRequiredService<ILeadReview>().GetReviewQueueAsync(context.RequestAborted).ConfigureAwait(false);
        var root = Html.E(Base(context));
        var done = context.Request.Query["done"].ToString();
        await WritePageAsync(context, "Review", "/review", StatusCodes.Status200OK, html =>
        {
            if (done == "rejected")
            {
                html.Raw("<p class=\"status\" role=\"status\">The two customers are kept apart.</p>");
            }

            html.Raw("<p>Possible duplicates: pairs of customers that may be one person. Accept merges them; reject keeps them apart for good. To split a customer, open it.</p>");
            if (queue.Count == 0)
            {
                html.Raw("<p class=\"empty\">Nothing to review.</p>");
                return;
            }

            html.Raw("<ol class=\"review\">");
            var index = 0;
            foreach (var item in queue)
            {
                index++;
                html.Raw($"<li><article class=\"pair\" aria-labelledby=\"pair-{index}\"><h2 id=\"pair-{index}\">Possible duplicate {Html.N(index)}")
                    .Raw(item.DoNotContact ? " <span class=\"badge alert\">do not contact</span>" : string.Empty)
                    .Raw("</h2><p>Score ").Text(item.Pair.Score.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)).Raw(" — ").Text(item.Pair.Reason).Raw("</p><div class=\"sides\">");
                Side(html, root, item.First);
                Side(html, root, item.Second);
                html.Raw("</div><div class=\"actions\">");
                foreach (var (action, label, css) in new[] { ("accept", "Accept: one person", "primary"), ("reject", "Reject: two people", "secondary") })
                {
                    html.Raw($"<form method=\"post\" action=\"{root}/review/{action}\">{AntiforgeryField(context)}<input type=\"hidden\" name=\"first\" value=\"{Html.E(item.First.Id.ToString())}\"><input type=\"hidden\" name=\"second\" value=\"{Html.E(item.Second.Id.ToString())}\">")
                        .Raw($"<button type=\"submit\" class=\"{css}\" aria-describedby=\"pair-{index}\">").Text(label).Raw("</button></form>");
                }

                html.Raw("</div></article></li>");
            }

            html.Raw("</ol>");
        }).ConfigureAwait(false);
    }

    private static void Side(Html html, string root, CustomerProfile profile)
    {
        var customer = profile.Customer;
        html.Raw($"<div class=\"side\"><h3><a href=\"{root}/customers/{Html.E(profile.Id.ToString())}\">").Text(DisplayName(customer, profile.Id)).Raw("</a></h3><dl class=\"facts\">");
        Fact(html, "Company", customer.Company);
        Fact(html, "E-mail", string.Join(", ", profile.Emails));
        Fact(html, "Phone", string.Join(", ", profile.Phones));
        Fact(html, "Country", customer.Country);
        Fact(html, "Leads", Html.N(profile.Leads.Count));
        Fact(html, "Offers", string.Join(", ", profile.Offers.Select(static o => o.Leads[0].OfferTitle ?? o.Offer.ToString())));
        html.Raw("</dl></div>");
    }

    private Task AcceptAsync(HttpContext context) => DecideAsync(context, accept: true);

    private Task RejectAsync(HttpContext context) => DecideAsync(context, accept: false);

    private async Task DecideAsync(HttpContext context, bool accept)
    {
        var form = await ReadFormAsync(context).ConfigureAwait(false);
        if (form is null)
        {
            return;
        }

        if (!LeadId.TryParse(form["first"].ToString().Trim(), out var first) || !LeadId.TryParse(form["second"].ToString().Trim(), out var second))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "The form must name the two customers by profile id (fields 'first' and 'second', 32 hexadecimal digits each).").ConfigureAwait(false);
            return;
        }

        var review = context.RequestServices.GetRequiredService<ILeadReview>();
        try
        {
            var reviewer = context.User.Identity?.Name;
            if (accept)
            {
                var result = await review.AcceptAsync(new CustomerProfileId(first), new CustomerProfileId(second), reviewer, null, context.RequestAborted).ConfigureAwait(false);
                DashboardLog.Reviewed(Logger(context), "accept", first.ToString(), second.ToString());
                await RedirectAsync(context, $"/customers/{result.Action.First}?done=merged").ConfigureAwait(false);
            }
            else
            {
                await review.RejectAsync(new CustomerProfileId(first), new CustomerProfileId(second), reviewer, null, context.RequestAborted).ConfigureAwait(false);
                DashboardLog.Reviewed(Logger(context), "reject", first.ToString(), second.ToString());
                await RedirectAsync(context, "/review?done=rejected").ConfigureAwait(false);
            }
        }
        catch (ArgumentException error)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, error.Message).ConfigureAwait(false);
        }
        catch (InvalidOperationException error)
        {
            await ErrorAsync(context, StatusCodes.Status409Conflict, error.Message).ConfigureAwait(false);
        }
    }
}
