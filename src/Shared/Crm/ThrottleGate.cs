using System;
using System.Collections.Concurrent;
using System.Threading;

namespace MarketplaceLeads.Crm;

/// <summary>
/// The throttle gates of one service provider, one per CRM host (its scheme and authority, lowercase): every sink and request
/// that talks to the same host shares its gate, so that a throttling answer pauses all of them.
/// </summary>
/// <remarks>Compiled into each CRM sink package (src/Shared/Crm); registered as a singleton by the package's <c>Add…Sink</c>.</remarks>
internal sealed class ThrottleGates
{
    private readonly ConcurrentDictionary<string, ThrottleGate> _gates = new(StringComparer.Ordinal);

    /// <summary>Returns the gate of a host.</summary>
    /// <param name="host">The host's base address; only its scheme and authority count.</param>
    /// <returns>The gate, the same instance for every caller that names the same host.</returns>
    public ThrottleGate For(Uri host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return _gates.GetOrAdd(KeyOf(host), static _ => new ThrottleGate());
    }

    /// <summary>Returns the gate of an account that shares its host with other accounts (HubSpot's <c>api.hubapi.com</c>): one per key.</summary>
    /// <param name="key">The account's key, such as the host and a hash of its token (never the token).</param>
    /// <returns>The gate, the same instance for every caller that names the same key.</returns>
    public ThrottleGate For(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return _gates.GetOrAdd(key, static _ => new ThrottleGate());
    }

    /// <summary>The key of a host: <c>scheme://authority</c>, lowercase.</summary>
    internal static string KeyOf(Uri host) => host.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
}

/// <summary>
/// A pause of every request to one CRM host while it throttles: <see cref="PauseFor"/> after a throttling answer, and
/// <see cref="Remaining"/> before each request (a request that finds the gate closed is not sent). A pause only ever grows.
/// </summary>
internal sealed class ThrottleGate
{
    private long _pausedUntilTicks;

    /// <summary>Gets when the current pause ends (UTC ticks; 0 when there never was one).</summary>
    public DateTimeOffset PausedUntil => new(Interlocked.Read(ref _pausedUntilTicks), TimeSpan.Zero);

    /// <summary>Returns how long requests must still wait: zero when the gate is open.</summary>
    /// <param name="now">The current time.</param>
    public TimeSpan Remaining(DateTimeOffset now)
    {
        var remaining = Interlocked.Read(ref _pausedUntilTicks) - now.UtcTicks;
        return remaining > 0 ? TimeSpan.FromTicks(remaining) : TimeSpan.Zero;
    }

    /// <summary>Closes the gate until <paramref name="now"/> + <paramref name="wait"/>, unless it is already closed for longer.</summary>
    /// <param name="wait">How long the host asked to wait.</param>
    /// <param name="now">The current time.</param>
    public void PauseFor(TimeSpan wait, DateTimeOffset now)
    {
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        var until = now.UtcTicks + wait.Ticks;
        var current = Interlocked.Read(ref _pausedUntilTicks);
        while (until > current)
        {
            var seen = Interlocked.CompareExchange(ref _pausedUntilTicks, until, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
