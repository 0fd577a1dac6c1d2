using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Dashboard;

/// <summary>The dead letters the pipeline's journal keeps (<see cref="ILeadJournal.ReadDeadLettersAsync"/>), the newest first, each with its reason, where reading failed and its raw payload.</summary>
internal sealed partial class DashboardEndpoints
{
    private async Task DeadLettersAsync(HttpContext context)
    {
        var letters = new List<LeadDeadLetter>();
        if (context.RequestServices.GetService<ILeadJournal>() is { } journal)
        {
            await foreach (var letter in journal.ReadDeadLettersAsync(context.RequestAborted).ConfigureAwait(false))
            {
                letters.Add(letter);
            }
        }

        letters.Reverse();
        await WritePageAsync(context, "Dead letters", "/dead-letters", StatusCodes.Status200OK, html =>
        {
            html.Raw("<p>What the pipeline could not read or deliver, kept with its raw payload so that nothing is lost.</p>");
            if (letters.Count == 0)
            {
                html.Raw("<p class=\"empty\">No dead letter.</p>");
                return;
            }

            html.Raw("<ol class=\"letters\">");
            var index = 0;
            foreach (var letter in letters)
            {
                index++;
                html.Raw($"<li><article aria-labelledby=\"letter-{index}\"><h2 id=\"letter-{index}\">").Text(letter.Kind.ToString()).Raw(" ").Raw(TimeElement(letter.OccurredAt)).Raw("</h2><dl class=\"facts\">");
                Fact(html, "Reason", letter.Reason);
                Fact(html, "Lead", letter.LeadId?.ToString());
                Fact(html, "Sink", letter.Sink);
                Fact(html, "Attempts", letter.Attempts > 0 ? Html.N(letter.Attempts) : null);
                if (letter.ReadError is { } error)
                {
                    Fact(html, "Where", string.Join(", ", new[] { error.Channel.ToString(), error.SourceName, error.LineNumber is { } line ? "line " + Html.N(line) : null, error.JsonPath, error.Field is { } field ? "field " + field : null }.Where(static s => !string.IsNullOrEmpty(s))));
                }

                html.Raw("</dl>");
                if (letter.RawPayload is { } raw)
                {
                    html.Raw($"<details><summary>Raw payload</summary><pre tabindex=\"0\" aria-label=\"Raw payload {Html.N(index)}\">").Text(raw).Raw("</pre></details>");
                }

                html.Raw("</article></li>");
            }

            html.Raw("</ol>");
        }).ConfigureAwait(false);
    }
}
