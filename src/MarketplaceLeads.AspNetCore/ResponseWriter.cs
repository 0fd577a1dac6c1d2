using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace MarketplaceLeads.AspNetCore;

/// <summary>Writes the endpoint's JSON answers with <see cref="Utf8JsonWriter"/> (no reflection): counts and problem details, never customer data.</summary>
internal static class ResponseWriter
{
    private const string ProblemContentType = "application/problem+json";

    public static async Task WriteAcceptedAsync(HttpResponse response, Counts counts)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            writer.WriteStartObject();
            WriteCounts(writer, counts);
            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync().ConfigureAwait(false);
    }

    public static async Task WriteProblemAsync(HttpResponse response, int status, string title, string detail, Counts? counts, string? jsonPath = null, long? recordIndex = null)
    {
        response.StatusCode = status;
        response.ContentType = ProblemContentType;
        using (var writer = new Utf8JsonWriter(response.BodyWriter))
        {
            writer.WriteStartObject();
            writer.WriteString("type", TypeOf(status));
            writer.WriteString("title", title);
            writer.WriteNumber("status", status);
            writer.WriteString("detail", detail);
            if (jsonPath is not null)
            {
                writer.WriteString("jsonPath", jsonPath);
            }

            if (recordIndex is { } index)
            {
                writer.WriteNumber("recordIndex", index);
            }

            if (counts is { } c)
            {
                WriteCounts(writer, c);
            }

            writer.WriteEndObject();
        }

        await response.BodyWriter.FlushAsync().ConfigureAwait(false);
    }

    private static void WriteCounts(Utf8JsonWriter writer, Counts counts)
    {
        writer.WriteNumber("accepted", counts.Accepted);
        writer.WriteNumber("alreadyAccepted", counts.AlreadyAccepted);
        if (counts.Rejected > 0)
        {
            writer.WriteNumber("rejected", counts.Rejected);
        }

        if (counts.QueueFull > 0)
        {
            writer.WriteNumber("queueFull", counts.QueueFull);
        }
    }

    private static string TypeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        StatusCodes.Status408RequestTimeout => "https://tools.ietf.org/html/rfc9110#section-15.5.9",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status415UnsupportedMediaType => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
    };

    /// <summary>How many records of a payload got each result.</summary>
    internal struct Counts
    {
        public int Accepted;
        public int AlreadyAccepted;
        public int Rejected;
        public int QueueFull;
    }
}
