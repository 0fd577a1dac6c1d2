using System;

namespace MarketplaceLeads.Cli;

/// <summary>A clock stopped at one instant: what <c>--now</c> gives the commands.</summary>
internal sealed class FixedTimeProvider : TimeProvider
{
    private readonly DateTimeOffset _utcNow;

    public FixedTimeProvider(DateTimeOffset now) => _utcNow = now.ToUniversalTime();

    public override DateTimeOffset GetUtcNow() => _utcNow;
}
