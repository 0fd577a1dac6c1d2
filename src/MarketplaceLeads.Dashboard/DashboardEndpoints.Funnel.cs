using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.FollowUp;
using Microsoft.AspNetCore.Http;

namespace MarketplaceLeads.Dashboard;

/// <summary>
/// The funnel per offer and per source as server-rendered SVG bar charts, each with its numbers in a table: customers
/// reaching interest, trial and acquisition (<see cref="LeadReport"/>'s funnel, what the <c>report</c> command prints).
/// </summary>
internal sealed partial class DashboardEndpoints
{
    private static readonly (string Label, string Css)[] Stages = [("Interest", "s1"), ("Trial", "s2"), ("Acquisition", "s3")];

    private async Task FunnelAsync(HttpContext context)
    {
        var snapshot = await ReadSnapshotAsync(context).ConfigureAwait(false);
        var report = LeadReport.Create(snapshot.Planner, snapshot.Profiles, snapshot.PossibleDuplicates, snapshot.Log, snapshot.Holds, snapshot.Now);
        var byOffer = report.Funnel.Select(static f => (Label: f.Title ?? f.Offer.ToString(), Values: new[] { f.Interest, f.Trial, f.Acquisition })).ToList();
        var bySource = BySource(snapshot.Profiles);
        await WritePageAsync(context, "Funnel", "/funnel", StatusCodes.Status200OK, html =>
        {
            html.Raw("<p>Customers reaching each stage (a customer in two offers counts in both). ")
                .Text(string.Create(CultureInfo.InvariantCulture, $"{report.Customers:N0} customers from {report.Leads:N0} leads; {report.DoNotContact:N0} do not contact."))
                .Raw("</p><ul class=\"legend\" aria-label=\"Legend\">");
            foreach (var (label, css) in Stages)
            {
                html.Raw($"<li><span class=\"swatch {css}\" aria-hidden=\"true\"></span>").Text(label).Raw("</li>");
            }

            html.Raw("</ul>");
            Chart(html, "offer", "By offer", byOffer);
            Chart(html, "source", "By source", bySource);
        }).ConfigureAwait(false);
    }

    /// <summary>The funnel per marketplace source: each customer's leads from one source, as a customer of that source.</summary>
    private static List<(string Label, int[] Values)> BySource(List<CustomerProfile> profiles)
    {
        var result = new List<(string, int[])>();
        foreach (var source in profiles.SelectMany(static p => p.Leads).Select(static l => l.Source).Distinct().Order())
        {
            var part = new List<CustomerProfile>();
            foreach (var profile in profiles)
            {
                if (profile.IsTest)
                {
                    continue;
                }

                var leads = profile.Leads.Where(l => l.Source == source).ToList();
                if (leads.Count > 0)
                {
                    part.Add(leads.Count == profile.Leads.Count ? profile : CustomerProfile.Restore(new CustomerProfileId(leads[0].Id), leads, profile.Customer));
                }
            }

            var funnel = FunnelReport.ByOffer(part);
            result.Add((source.ToString(), [funnel.Sum(static f => f.Interest), funnel.Sum(static f => f.Trial), funnel.Sum(static f => f.Acquisition)]));
        }

        return result;
    }

    /// <summary>A horizontal grouped bar chart (one group per row, one bar per stage), then the same numbers as a table.</summary>
    private static void Chart(Html html, string id, string title, List<(string Label, int[] Values)> rows)
    {
        const int LabelWidth = 180;
        const int BarArea = 380;
        const int BarHeight = 12;
        const int GroupGap = 14;
        var groupHeight = (BarHeight * Stages.Length) + GroupGap;
        var height = Math.Max(groupHeight * rows.Count, groupHeight);
        var max = Math.Max(1, rows.SelectMany(static r => r.Values).DefaultIfEmpty(0).Max());
        html.Raw($"<section aria-labelledby=\"{id}-title\"><h2 id=\"{id}-title\">").Text(title).Raw("</h2>");
        if (rows.Count == 0)
        {
            html.Raw("<p class=\"empty\">No leads yet.</p></section>");
            return;
        }

        html.Raw($"<figure class=\"chart\"><svg viewBox=\"0 0 {LabelWidth + BarArea + 60} {height}\" role=\"img\" aria-labelledby=\"{id}-svg-title\" preserveAspectRatio=\"xMinYMin meet\"><title id=\"{id}-svg-title\">").Text(title + ": customers reaching interest, trial and acquisition").Raw("</title>");
        for (var r = 0; r < rows.Count; r++)
        {
            var (label, values) = rows[r];
            var top = r * groupHeight;
            html.Raw(string.Create(CultureInfo.InvariantCulture, $"<text x=\"{LabelWidth - 8}\" y=\"{top + (BarHeight * Stages.Length / 2) + 4}\" text-anchor=\"end\" class=\"label\">")).Text(label.Length > 26 ? label[..25] + "…" : label).Raw("</text>");
            for (var s = 0; s < Stages.Length; s++)
            {
                var width = values[s] == 0 ? 0 : Math.Max(2, (int)Math.Round((double)values[s] / max * BarArea));
                var y = top + (s * BarHeight);
                html.Raw(string.Create(CultureInfo.InvariantCulture, $"<rect x=\"{LabelWidth}\" y=\"{y}\" width=\"{width}\" height=\"{BarHeight - 2}\" class=\"{Stages[s].Css}\"></rect><text x=\"{LabelWidth + width + 4}\" y=\"{y + BarHeight - 3}\" class=\"value\">{values[s]:N0}</text>"));
            }
        }

        html.Raw($"</svg><figcaption>").Text(title).Raw("</figcaption></figure>");
        html.Raw("<div class=\"table\" tabindex=\"0\" role=\"region\" aria-label=\"").Text(title + ": the numbers").Raw("\"><table><caption>").Text(title + ": the numbers").Raw("</caption><thead><tr><th scope=\"col\">").Text(id == "offer" ? "Offer" : "Source").Raw("</th>");
        foreach (var (stage, _) in Stages)
        {
            html.Raw("<th scope=\"col\" class=\"num\">").Text(stage).Raw("</th>");
        }

        html.Raw("</tr></thead><tbody>");
        foreach (var (label, values) in rows)
        {
            html.Raw("<tr><th scope=\"row\">").Text(label).Raw("</th>");
            foreach (var value in values)
            {
                html.Raw("<td class=\"num\">").Raw(Html.N(value)).Raw("</td>");
            }

            html.Raw("</tr>");
        }

        html.Raw("</tbody></table></div></section>");
    }
}
