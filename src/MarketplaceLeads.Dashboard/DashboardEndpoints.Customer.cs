using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Dashboard;

/// <summary>
/// A customer's page (by profile id; a lead id or a profile merged away is redirected to the profile that holds it now):
/// who they are, the lead timeline with the touches, why the leads are one customer (<see cref="ILeadReview.ExplainAsync"/>),
/// a form to record a touch (<see cref="IFollowUpStore.RecordAsync"/>, as the <c>touch</c> command does) and one to split.
/// </summary>
internal sealed partial class DashboardEndpoints
{
    /// <summary>The touch kinds a person can record, in the words of the <c>touch</c> command.</summary>
    private static readonly (TouchKind Kind, string Name, string Label)[] TouchKinds =
    [
        (TouchKind.Emailed, "emailed", "E-mailed"),
        (TouchKind.Called, "called", "Called"),
        (TouchKind.Meeting, "meeting", "Meeting"),
        (TouchKind.Qualified, "qualified", "Qualified"),
        (TouchKind.Disqualified, "disqualified", "Disqualified (ends the follow-up; say why in the note)"),
        (TouchKind.Won, "won", "Won (ends the follow-up)"),
        (TouchKind.Lost, "lost", "Lost (ends the follow-up)"),
        (TouchKind.Closed, "closed", "Closed (ends the follow-up)"),
    ];

    private async Task CustomerAsync(HttpContext context)
    {
        var profile = await FindProfileOrAnswerAsync(context, string.Empty).ConfigureAwait(false);
        if (profile is null)
        {
            return;
        }

        var services = context.RequestServices;
        var log = await services.GetRequiredService<IFollowUpStore>().ReadLogAsync(context.RequestAborted).ConfigureAwait(false);
        var review = services.GetRequiredService<ILeadReview>();
        var decisions = new List<LeadDecisionRecord>();
        foreach (var lead in profile.Leads)
        {
            if (await review.ExplainAsync(lead.Id, context.RequestAborted).ConfigureAwait(false) is { } decision)
            {
                decisions.Add(decision);
            }
        }

        var leadIds = profile.Leads.Select(static l => l.Id).ToHashSet();
        var touches = log.Touches.Where(t => leadIds.Contains(t.ProfileId.FirstLeadId)).ToList();
        var root = Html.E(Base(context));
        var id = Html.E(profile.Id.ToString());
        var customer = profile.Customer;
        var done = context.Request.Query["done"].ToString();
        await WritePageAsync(context, DisplayName(customer, profile.Id), "/customers", StatusCodes.Status200OK, html =>
        {
            if (done.Length > 0)
            {
                html.Raw("<p class=\"status\" role=\"status\">").Text(done switch
                {
                    "touch" => "The touch is recorded.",
                    "merged" => "The two profiles are merged into this one.",
                    "split" => "The leads are split off into a customer of their own.",
                    _ => "Done.",
                }).Raw("</p>");
            }

            if (profile.DoNotContact)
            {
                html.Raw("<p class=\"error\"><strong>Do not contact.</strong> This customer asked not to be contacted: they are never on the due list and no touch can be recorded.</p>");
            }

            if (profile.IsTest)
            {
                html.Raw("<p class=\"note\">A marketplace test lead: not followed up.</p>");
            }

            html.Raw("<section aria-labelledby=\"who\"><h2 id=\"who\">Customer</h2><dl class=\"facts\">");
            Fact(html, "Profile", profile.Id.ToString());
            Fact(html, "Company", customer.Company);
            Fact(html, "Title", customer.Title);
            Fact(html, "Country", customer.Country);
            Fact(html, "E-mail", string.Join(", ", profile.Emails));
            Fact(html, "Phone", string.Join(", ", profile.Phones));
            Fact(html, "Furthest stage", profile.FurthestStage.ToString());
            Fact(html, "Offers", string.Join(", ", profile.Offers.Select(static o => (o.Leads[0].OfferTitle ?? o.Offer.ToString()) + " (" + o.FurthestStage + ")")));
            html.Raw("</dl></section>");

            if (!profile.DoNotContact && !profile.IsTest)
            {
                html.Raw($"<section aria-labelledby=\"record\"><h2 id=\"record\">Record a touch</h2><form class=\"stack\" method=\"post\" action=\"{root}/customers/{id}/touches\">{AntiforgeryField(context)}")
                    .Raw("<label for=\"touch-offer\">Offer</label><select id=\"touch-offer\" name=\"offer\" required>");
                foreach (var offer in profile.Offers)
                {
                    html.Raw($"<option value=\"{Html.E(offer.Offer.ToString())}\">").Text(offer.Leads[0].OfferTitle ?? offer.Offer.ToString()).Raw("</option>");
                }

                html.Raw("</select><label for=\"touch-kind\">What was done</label><select id=\"touch-kind\" name=\"kind\" required>");
                foreach (var (_, name, label) in TouchKinds)
                {
                    html.Raw($"<option value=\"{name}\">").Text(label).Raw("</option>");
                }

                html.Raw("</select><label for=\"touch-by\">By (optional)</label><input id=\"touch-by\" name=\"by\" autocomplete=\"name\" maxlength=\"200\">")
                    .Raw("<label for=\"touch-note\">Note (optional; required to disqualify)</label><textarea id=\"touch-note\" name=\"note\" rows=\"3\" maxlength=\"2000\"></textarea>")
                    .Raw("<button type=\"submit\">Record the touch</button></form></section>");
            }

            html.Raw("<section aria-labelledby=\"timeline\"><h2 id=\"timeline\">Timeline</h2><ol class=\"timeline\" reversed>");
            var entries = profile.Leads.Select(l => (At: l.ReceivedAt, Lead: (Lead?)l, Touch: (FollowUpTouch?)null))
                .Concat(touches.Select(t => (At: t.At, Lead: (Lead?)null, Touch: (FollowUpTouch?)t)))
                .OrderByDescending(static e => e.At);
            foreach (var (at, lead, touch) in entries)
            {
                html.Raw("<li>").Raw(TimeElement(at)).Raw(" ");
                if (lead is not null)
                {
                    html.Raw("<strong>").Text(DueList.ActionName(lead.Action)).Raw("</strong> on ").Text(lead.OfferTitle ?? lead.Offer.ToString())
                        .Raw(" <small>(").Text($"{lead.Source}, {lead.Channel}, lead {lead.Id}").Raw(")</small>");
                    if (!string.IsNullOrWhiteSpace(lead.Description))
                    {
                        html.Raw("<br><q>").Text(lead.Description.Trim()).Raw("</q>");
                    }
                }
                else if (touch is not null)
                {
                    html.Raw("<strong>Touch: ").Text(touch.Kind.ToString().ToLowerInvariant()).Raw("</strong> on ").Text(touch.Offer.ToString());
                    if (touch.By is not null)
                    {
                        html.Raw(" by ").Text(touch.By);
                    }

                    if (touch.Note is not null)
                    {
                        html.Raw("<br><q>").Text(touch.Note).Raw("</q>");
                    }
                }

                html.Raw("</li>");
            }

            html.Raw("</ol></section>");
            WriteExplanations(html, decisions);
            if (profile.Leads.Count > 1)
            {
                html.Raw($"<section aria-labelledby=\"split\"><h2 id=\"split\">Split</h2><p>If these leads are more than one person, tick the leads of the other person: they become a customer of their own, kept apart from this one.</p><form class=\"stack\" method=\"post\" action=\"{root}/customers/{id}/split\">{AntiforgeryField(context)}<fieldset><legend>Leads to move out</legend>");
                foreach (var lead in profile.Leads)
                {
                    var leadId = Html.E(lead.Id.ToString());
                    html.Raw($"<div class=\"check\"><input type=\"checkbox\" id=\"split-{leadId}\" name=\"lead\" value=\"{leadId}\"><label for=\"split-{leadId}\">")
                        .Text(Time(lead.ReceivedAt)).Raw(" · ").Text(DueList.ActionName(lead.Action)).Raw(" · ").Text(string.Join(' ', new[] { lead.Customer.FirstName, lead.Customer.LastName, lead.Customer.Email }.Where(static s => !string.IsNullOrWhiteSpace(s))))
                        .Raw("</label></div>");
                }

                html.Raw("</fieldset><button type=\"submit\" class=\"secondary\">Split the ticked leads off</button></form></section>");
            }
        }).ConfigureAwait(false);
    }

    private static void Fact(Html html, string term, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            html.Element("dt", term).Element("dd", value);
        }
    }

    /// <summary>Why the leads are in this profile: each lead's decision, its reason and the match weights.</summary>
    private void WriteExplanations(Html html, List<LeadDecisionRecord> decisions)
    {
        html.Raw("<section aria-labelledby=\"why\"><h2 id=\"why\">Why these leads are one customer</h2>");
        if (decisions.Count == 0)
        {
            html.Raw("<p class=\"empty\">No de-duplication decision is recorded for these leads.</p></section>");
            return;
        }

        html.Raw("<ul class=\"explain\">");
        foreach (var decision in decisions)
        {
            html.Raw("<li><strong>Lead ").Text(decision.Lead.ToString()[..8]).Raw("</strong>: ").Text(decision.Outcome switch
            {
                DeduplicationOutcome.NewProfile => "started a new customer",
                DeduplicationOutcome.JoinedProfile => "joined an existing customer",
                DeduplicationOutcome.TestLead => "a marketplace test lead",
                _ => decision.Outcome.ToString(),
            });
            if (decision.Reason is not null)
            {
                html.Raw(" — ").Text(decision.Reason);
            }

            if (decision.Explanation is { } explanation)
            {
                html.Raw("<div class=\"table\" tabindex=\"0\" role=\"region\" aria-label=\"Match weights of lead ").Text(decision.Lead.ToString()[..8]).Raw("\"><table><caption>Match weights (probability ").Text(explanation.Probability.ToString("P1", CultureInfo.InvariantCulture)).Raw(")</caption><thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Comparison</th><th scope=\"col\" class=\"num\">Weight</th></tr></thead><tbody>");
                foreach (var evidence in explanation.Evidence)
                {
                    html.Raw("<tr><td>").Text(evidence.Field).Raw("</td><td>").Text(evidence.Comparison).Raw("</td><td class=\"num\">").Text(evidence.Weight.ToString("+0.0;-0.0;0", CultureInfo.InvariantCulture)).Raw("</td></tr>");
                }

                html.Raw("</tbody></table></div>");
            }

            foreach (var action in decision.Reviews)
            {
                html.Raw("<br><small>Reviewed: ").Text(action.Kind.ToString().ToLowerInvariant()).Raw(" ").Raw(TimeElement(action.ReviewedAt));
                if (action.Reviewer is not null)
                {
                    html.Raw(" by ").Text(action.Reviewer);
                }

                html.Raw("</small>");
            }

            html.Raw("</li>");
        }

        html.Raw("</ul></section>");
    }

    private async Task RecordTouchAsync(HttpContext context)
    {
        if (await ReadProfileFormAsync(context).ConfigureAwait(false) is not ({ } form, { } profile))
        {
            return;
        }

        if (profile.DoNotContact || profile.IsTest)
        {
            await ErrorAsync(context, StatusCodes.Status409Conflict, profile.DoNotContact
                ? $"Customer {profile.Id} said do not contact; no touch is recorded."
                : $"Customer {profile.Id} is a marketplace test lead; no touch is recorded.").ConfigureAwait(false);
            return;
        }

        var offerText = form["offer"].ToString().Trim();
        var activity = profile.Offers.FirstOrDefault(o => string.Equals(o.Offer.ToString(), offerText, StringComparison.OrdinalIgnoreCase));
        if (activity is null)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, $"The offer '{offerText}' is not one of customer {profile.Id}'s offers ({string.Join(", ", profile.Offers.Select(static o => o.Offer.ToString()))}).").ConfigureAwait(false);
            return;
        }

        var kindText = form["kind"].ToString().Trim();
        var kind = TouchKinds.FirstOrDefault(k => string.Equals(k.Name, kindText, StringComparison.OrdinalIgnoreCase));
        if (kind.Name is null)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, $"What was done must be one of {string.Join(", ", TouchKinds.Select(static k => k.Name))}; it is '{kindText}'.").ConfigureAwait(false);
            return;
        }

        var note = Blank(form["note"].ToString());
        if (kind.Kind == TouchKind.Disqualified && note is null)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "To disqualify a customer, say why in the note.").ConfigureAwait(false);
            return;
        }

        var services = context.RequestServices;
        var store = services.GetRequiredService<IFollowUpStore>();
        var log = await store.ReadLogAsync(context.RequestAborted).ConfigureAwait(false);
        var at = Clock(context).GetUtcNow();
        await store.RecordAsync(
            new FollowUpTouch
            {
                ProfileId = profile.Id,
                Offer = activity.Offer,
                Stage = activity.FurthestStage,
                At = at,
                Kind = kind.Kind,
                By = Blank(form["by"].ToString()) ?? context.User.Identity?.Name,
                Note = note,
                Leads = log.LeadsAbout(profile, activity.Offer, at),
            },
            context.RequestAborted).ConfigureAwait(false);
        DashboardLog.TouchRecorded(Logger(context), kind.Name, profile.Id.ToString());
        await RedirectAsync(context, $"/customers/{profile.Id}?done=touch").ConfigureAwait(false);
    }

    private async Task SplitAsync(HttpContext context)
    {
        if (await ReadProfileFormAsync(context).ConfigureAwait(false) is not ({ } form, { } profile))
        {
            return;
        }

        var leads = new List<LeadId>();
        foreach (var text in form["lead"])
        {
            if (!LeadId.TryParse(text?.Trim(), out var lead))
            {
                await ErrorAsync(context, StatusCodes.Status400BadRequest, $"'{text}' is not a lead id (32 hexadecimal digits).").ConfigureAwait(false);
                return;
            }

            leads.Add(lead);
        }

        if (leads.Count == 0)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, $"Tick at least one lead of customer {profile.Id} to split off.").ConfigureAwait(false);
            return;
        }

        try
        {
            var result = await context.RequestServices.GetRequiredService<ILeadReview>()
                .SplitAsync(profile.Id, leads, context.User.Identity?.Name, null, context.RequestAborted).ConfigureAwait(false);
            DashboardLog.Split(Logger(context), profile.Id.ToString(), result.Action.Second.ToString());
            await RedirectAsync(context, $"/customers/{result.Action.First}?done=split").ConfigureAwait(false);
        }
        catch (ArgumentException error)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, error.Message).ConfigureAwait(false);
        }
    }

    /// <summary>A customer's form: its antiforgery token validated, then the customer of the route's id; <see langword="null"/> when either answered an error.</summary>
    private async Task<(IFormCollection Form, CustomerProfile Profile)?> ReadProfileFormAsync(HttpContext context) =>
        await ReadFormAsync(context).ConfigureAwait(false) is { } form && await FindProfileOrAnswerAsync(context, null).ConfigureAwait(false) is { } profile
            ? (form, profile)
            : null;

    /// <summary>
    /// Finds the profile the route's id names; a lead's id or the id of a profile merged away answers a redirect to the
    /// profile that holds the lead now (for a GET, with <paramref name="redirectSuffix"/>); an unknown id answers 404.
    /// </summary>
    private async Task<CustomerProfile?> FindProfileOrAnswerAsync(HttpContext context, string? redirectSuffix)
    {
        if (RouteId(context) is not { } id)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "A customer's page is named by its profile id: 32 hexadecimal digits.").ConfigureAwait(false);
            return null;
        }

        var store = context.RequestServices.GetRequiredService<ILeadDeduplicationStore>();
        if (await store.FindProfileAsync(new CustomerProfileId(id), context.RequestAborted).ConfigureAwait(false) is { } profile)
        {
            return profile;
        }

        if (await store.FindProfileByLeadAsync(id, context.RequestAborted).ConfigureAwait(false) is { } holder && redirectSuffix is not null)
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = Base(context) + "/customers/" + holder.Id + redirectSuffix;
            return null;
        }

        await ErrorAsync(context, StatusCodes.Status404NotFound, $"No customer has profile id {id} (it may have been merged into another: open it from today's list or the review queue).").ConfigureAwait(false);
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
