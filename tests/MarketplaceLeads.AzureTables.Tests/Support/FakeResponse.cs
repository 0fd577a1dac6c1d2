using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using Azure;
using Azure.Core;

namespace MarketplaceLeads.AzureTables.Tests.Support;

/// <summary>A response with a status and an optional Retry-After header.</summary>
internal sealed class FakeResponse(int status, string? retryAfter) : Response
{
    public override int Status => status;

    public override string ReasonPhrase => "test";

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; } = string.Empty;

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() =>
        retryAfter is null ? [] : [new HttpHeader("Retry-After", retryAfter)];

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = string.Equals(name, "Retry-After", StringComparison.OrdinalIgnoreCase) ? retryAfter : null;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = TryGetHeader(name, out var value) ? [value] : null;
        return values is not null;
    }
}
