using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.PartnerCenter;

/// <summary>One write-back: the referral, and the CRM record that now holds its lead.</summary>
/// <param name="ReferralId">The referral's id.</param>
/// <param name="RecordId">The CRM record's id.</param>
/// <param name="Sink">The sink that wrote the record, for logs.</param>
internal readonly record struct WriteBackItem(string ReferralId, string RecordId, string Sink);

/// <summary>
/// Hears from the pipeline which CRM record a lead reached (<see cref="LeadPipelineObserver.OnRecordWritten"/>, raised for sinks that are
/// <see cref="ILeadRecordSink"/>s) and queues a write-back for each lead that came from a Partner Center referral; <see cref="PartnerCenterWriteBackService"/> sends them.
/// </summary>
internal sealed class PartnerCenterWriteBack : LeadPipelineObserver
{
    private readonly Channel<WriteBackItem> _queue = Channel.CreateUnbounded<WriteBackItem>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<WriteBackItem> Queue => _queue.Reader;

    public override void OnRecordWritten(string sink, LeadDelivery delivery, string recordId)
    {
        if (ReferralIdOf(delivery.Lead) is { } referral)
        {
            _queue.Writer.TryWrite(new WriteBackItem(referral, recordId, sink));
        }
    }

    /// <summary>The referral id of a lead read from Partner Center (its <c>id</c> property, kept as sent), or <see langword="null"/>.</summary>
    internal static string? ReferralIdOf(Lead lead)
    {
        if (lead.Channel != LeadChannel.PartnerCenter)
        {
            return null;
        }

        foreach (var (name, value) in lead.AdditionalProperties)
        {
            if (string.Equals(name, "id", StringComparison.OrdinalIgnoreCase) && value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }
        }

        return null;
    }

    /// <summary>
    /// The JSON Patch of a write-back (Microsoft Learn, "Update a referral": <c>replace</c> operations): <c>/externalReferenceId</c> = the record id
    /// when it differs, and a <c>New</c> referral made <c>Active</c> / <c>Accepted</c> (the allowed transition; a lead that reached the CRM is accepted).
    /// </summary>
    /// <returns>The patch, or <see langword="null"/> when the referral says all that already.</returns>
    internal static byte[]? Patch(ReadOnlySpan<byte> referral, string recordId)
    {
        using var document = JsonDocument.Parse(referral.ToArray());
        var root = document.RootElement;
        var external = Text(ReferralItem.Property(root, "externalReferenceId"));
        var status = Text(ReferralItem.Property(root, "status"));
        var ops = new List<(string Path, string Value)>();
        if (!string.Equals(external, recordId, StringComparison.Ordinal))
        {
            ops.Add(("/externalReferenceId", recordId));
        }

        if (string.Equals(status, "New", StringComparison.OrdinalIgnoreCase))
        {
            ops.Add(("/status", "Active"));
            ops.Add(("/substatus", "Accepted"));
        }

        if (ops.Count == 0)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var (path, value) in ops)
            {
                writer.WriteStartObject();
                writer.WriteString("op", "replace");
                writer.WriteString("path", path);
                writer.WriteString("value", value);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>
/// Sends the queued write-backs: reads the referral (its ETag), patches <c>externalReferenceId</c> (and the status of a <c>New</c> referral)
/// with <c>If-Match</c>, reads again and retries once when the API answers 412, and retries transient failures with back-off
/// (<c>Retry-After</c> when given). A write-back that still fails is logged with the referral and record ids and the API's ids; it is not
/// journaled: the lead itself is delivered either way.
/// </summary>
[SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable", Justification = "The client belongs to the reader, disposed by its service.")]
internal sealed partial class PartnerCenterWriteBackService(PartnerCenterWriteBack writeBack, PartnerCenterClient client, TimeProvider time, ILogger logger) : BackgroundService
{
    internal const int MaxAttempts = 5;

    /// <summary>Writes one item back; true when written (or nothing was to write).</summary>
    internal async Task<bool> WriteAsync(WriteBackItem item, CancellationToken cancellationToken)
    {
        var correlation = PartnerCenterClient.NewCorrelationId();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                for (var read = 1; read <= 2; read++)
                {
                    var (body, etag) = await client.GetAsync(item.ReferralId, correlation, cancellationToken).ConfigureAwait(false);
                    var patch = PartnerCenterWriteBack.Patch(body, item.RecordId);
                    if (patch is null || await client.PatchAsync(item.ReferralId, patch, etag, correlation, cancellationToken).ConfigureAwait(false))
                    {
                        LogWritten(logger, item.ReferralId, item.RecordId, item.Sink);
                        return true;
                    }
                }

                throw new PartnerCenterException($"Referral {item.ReferralId} changed twice while it was being updated (HTTP 412 to If-Match) (MS-CorrelationId {correlation}).");
            }
            catch (Exception error) when (error is PartnerCenterException or JsonException && !cancellationToken.IsCancellationRequested)
            {
                if (error is not PartnerCenterException { IsTransient: true } || attempt >= MaxAttempts)
                {
                    LogFailed(logger, error, item.ReferralId, item.RecordId, attempt);
                    return false;
                }

                var delay = error is PartnerCenterException { RetryAfter: { } wait } ? wait : TimeSpan.FromSeconds(Math.Pow(2, attempt));
                await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in writeBack.Queue.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                await WriteAsync(item, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(10, LogLevel.Information, "Partner Center referral {ReferralId} now names CRM record {RecordId} (sink '{Sink}')")]
    private static partial void LogWritten(ILogger logger, string referralId, string recordId, string sink);

    [LoggerMessage(11, LogLevel.Error, "Partner Center referral {ReferralId} could not be given CRM record {RecordId} after {Attempts} attempt(s)")]
    private static partial void LogFailed(ILogger logger, Exception exception, string referralId, string recordId, int attempts);
}
