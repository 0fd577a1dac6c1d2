using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MarketplaceLeads.Dashboard;

/// <summary>
/// The dead letters the pipeline's journal keeps, the newest first, each with its reason, where reading failed and its raw
/// payload; a lead a sink did not take has a Retry button that delivers it again to that sink (<see cref="ILeadPipeline.RedeliverAsync"/>), and a record that could not be read has one too: its raw payload is read again and, when it is a lead now,
/// submitted to the pipeline and the dead letter marked retried (<see cref="ILeadDeadLetterStore"/>); else it keeps the new error.
/// </summary>
internal sealed partial class DashboardEndpoints
{
    private async Task DeadLettersAsync(HttpContext context)
    {
        var journal = context.RequestServices.GetService<ILeadJournal>();
        var letters = new List<StoredLeadDeadLetter>();
        if (journal is ILeadDeadLetterStore store)
        {
            await foreach (var letter in store.ReadStoredDeadLettersAsync(context.RequestAborted).ConfigureAwait(false))
            {
                letters.Add(letter);
            }
        }
        else if (journal is not null)
        {
            long id = 0;
            await foreach (var letter in journal.ReadDeadLettersAsync(context.RequestAborted).ConfigureAwait(false))
            {
                letters.Add(new StoredLeadDeadLetter(--id, letter, null));
            }
        }

        letters.Reverse();
        var root = Html.E(Base(context));
        var done = context.Request.Query["done"].ToString();
        await WritePageAsync(context, "Dead letters", "/dead-letters", StatusCodes.Status200OK, html =>
        {
            if (done == "retried")
            {
                html.Raw("<p class=\"status\" role=\"status\">Retried: the record is a lead now, in the pipeline.</p>");
            }
            else if (done == "redelivered")
            {
                html.Raw("<p class=\"status\" role=\"status\">Retried: the lead is being delivered to its sink again; if the sink refuses it again, a new dead letter says why.</p>");
            }

            html.Raw("<p>What the pipeline could not read or deliver, kept with its raw payload so that nothing is lost.</p>");
            if (letters.Count == 0)
            {
                html.Raw("<p class=\"empty\">No dead letter.</p>");
                return;
            }

            html.Raw("<ol class=\"letters\">");
            foreach (var (id, letter, retriedAt) in letters)
            {
                var key = id.ToString(CultureInfo.InvariantCulture);
                html.Raw($"<li><article aria-labelledby=\"letter-{Html.E(key)}\" data-dead-letter=\"{Html.E(key)}\"><h2 id=\"letter-{Html.E(key)}\">").Text(letter.Kind == LeadDeadLetterKind.Rejected ? "Could not be read" : "Not delivered").Raw(" ").Raw(TimeElement(letter.OccurredAt));
                if (retriedAt is { } at)
                {
                    html.Raw(" <span class=\"badge\">retried ").Raw(TimeElement(at)).Raw("</span>");
                }

                html.Raw("</h2><dl class=\"facts\">");
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
                    html.Raw($"<details><summary>Raw payload</summary><pre tabindex=\"0\" aria-label=\"Raw payload of dead letter {Html.E(key)}\">").Text(raw).Raw("</pre></details>");
                }

                if (id > 0 && retriedAt is null && Retryable(letter) is null)
                {
                    html.Raw($"<form method=\"post\" action=\"{root}/dead-letters/{Html.E(key)}/retry\">{AntiforgeryField(context)}<button type=\"submit\" class=\"secondary\" aria-describedby=\"letter-{Html.E(key)}\">Retry</button></form>");
                }

                html.Raw("</article></li>");
            }

            html.Raw("</ol>");
        }).ConfigureAwait(false);
    }

    private async Task RetryDeadLetterAsync(HttpContext context)
    {
        if (await ReadFormAsync(context).ConfigureAwait(false) is null)
        {
            return;
        }

        if (context.RequestServices.GetService<ILeadJournal>() is not ILeadDeadLetterStore store)
        {
            await ErrorAsync(context, StatusCodes.Status409Conflict, "This pipeline's journal keeps no dead letters by id (the in-memory journal): use UseSqlite or UsePostgreSql to retry dead letters.").ConfigureAwait(false);
            return;
        }

        var text = context.Request.RouteValues["id"] as string;
        StoredLeadDeadLetter? found = null;
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            await foreach (var letter in store.ReadStoredDeadLettersAsync(context.RequestAborted).ConfigureAwait(false))
            {
                if (letter.Id == id)
                {
                    found = letter;
                    break;
                }
            }
        }

        if (found is null)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"No dead letter has id '{text}'.").ConfigureAwait(false);
            return;
        }

        if (found.RetriedAt is { } at)
        {
            await ErrorAsync(context, StatusCodes.Status409Conflict, $"Dead letter {id} was retried already, at {Time(at)}.").ConfigureAwait(false);
            return;
        }

        if (Retryable(found.DeadLetter) is { } why)
        {
            await ErrorAsync(context, StatusCodes.Status409Conflict, $"Dead letter {id} cannot be retried here: {why}").ConfigureAwait(false);
            return;
        }

        var clock = Clock(context);
        var letterToRetry = found.DeadLetter;
        if (letterToRetry.Kind == LeadDeadLetterKind.DeliveryFailed)
        {
            // A lead its sink did not take: delivered again to that sink alone (a redelivery); if it fails again, a new dead letter says why.
            var redelivered = await context.RequestServices.GetRequiredService<ILeadPipeline>()
                .RedeliverAsync(letterToRetry.Lead!, letterToRetry.Sink!, letterToRetry.Lead!.ReceivedAt, context.RequestAborted).ConfigureAwait(false);
            if (!redelivered)
            {
                DashboardLog.DeadLetterRetried(Logger(context), id, "queue full");
                await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"The pipeline's queue is full; dead letter {id} stays a dead letter: try again later.").ConfigureAwait(false);
                return;
            }

            await store.MarkRetriedAsync(id, clock.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
            DashboardLog.DeadLetterRetried(Logger(context), id, "delivered again to its sink");
            await RedirectAsync(context, "/dead-letters?done=redelivered").ConfigureAwait(false);
            return;
        }

        var reader = new LeadReader(new LeadReaderOptions
        {
            ErrorPolicy = LeadReadErrorPolicy.SkipAndReport,
            SourceName = "dead letter " + id.ToString(CultureInfo.InvariantCulture),
            TimeProvider = clock,
        });
        using var payload = new MemoryStream(Encoding.UTF8.GetBytes(letterToRetry.RawPayload!));
        var records = letterToRetry.ReadError!.Channel == LeadChannel.JsonLines
            ? reader.ReadJsonLinesAsync(payload, null, context.RequestAborted)
            : reader.ReadHttpsPayloadsAsync(payload, null, context.RequestAborted);
        var results = new List<LeadReadResult>();
        await foreach (var result in records.ConfigureAwait(false))
        {
            results.Add(result);
        }

        var failure = results.FirstOrDefault(static r => !r.IsSuccess).Error;
        if (failure is not null || results.Count == 0)
        {
            var reason = failure?.Reason ?? "the raw payload holds no record";
            await store.SetReasonAsync(id, $"{reason} (retried {Time(clock.GetUtcNow())} {_zone.Id})", context.RequestAborted).ConfigureAwait(false);
            DashboardLog.DeadLetterRetried(Logger(context), id, "still not a lead");
            await ErrorAsync(context, StatusCodes.Status422UnprocessableEntity, $"Dead letter {id} is still not a lead: {reason}. It stays a dead letter, with this error.").ConfigureAwait(false);
            return;
        }

        var pipeline = context.RequestServices.GetRequiredService<ILeadPipeline>();
        foreach (var result in results)
        {
            var submitted = await pipeline.SubmitAsync(result, context.RequestAborted).ConfigureAwait(false);
            if (!submitted.IsAccepted)
            {
                DashboardLog.DeadLetterRetried(Logger(context), id, submitted.Status.ToString());
                await ErrorAsync(context, StatusCodes.Status503ServiceUnavailable, $"The pipeline did not take dead letter {id}'s lead ({submitted.Status}); it stays a dead letter: try again later.").ConfigureAwait(false);
                return;
            }
        }

        await store.MarkRetriedAsync(id, clock.GetUtcNow(), context.RequestAborted).ConfigureAwait(false);
        DashboardLog.DeadLetterRetried(Logger(context), id, "a lead now");
        await RedirectAsync(context, "/dead-letters?done=retried").ConfigureAwait(false);
    }

    /// <summary>Why a dead letter cannot be retried from the dashboard, or <see langword="null"/> when it can: a lead a sink did not take (delivered again to that sink), or a record of the HTTPS endpoint or a JSON Lines file that could not be read, with its raw payload.</summary>
    private static string? Retryable(LeadDeadLetter letter) =>
        letter.Kind == LeadDeadLetterKind.DeliveryFailed ? (letter.Lead is null || letter.Sink is null ? "it names no lead or no sink" : null)
        : letter.Kind != LeadDeadLetterKind.Rejected ? "it is a profile change a sink did not take (the sink is told again with the next review)"
        : letter.RawPayload is null ? "its raw payload was not kept"
        : letter.ReadError?.Channel is not (LeadChannel.HttpsEndpoint or LeadChannel.JsonLines) ? $"a record from {letter.ReadError?.Channel.ToString() ?? "an unknown source"} is retried by importing its file again"
        : null;
}
