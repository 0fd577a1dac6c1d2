using System.Threading;

namespace MarketplaceLeads.Delivery;

/// <summary>A delivery shared by the workers of the sinks it goes to; the last one to finish gives back the lead's room in the queue.</summary>
internal sealed class TrackedDelivery(LeadDelivery delivery, int sinks)
{
    private int _remaining = sinks;

    public LeadDelivery Delivery { get; } = delivery;

    /// <summary>Tells that one sink is done with the delivery.</summary>
    /// <returns><see langword="true"/> for the last sink.</returns>
    public bool Done() => Interlocked.Decrement(ref _remaining) == 0;
}
