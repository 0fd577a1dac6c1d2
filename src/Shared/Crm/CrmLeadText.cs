namespace MarketplaceLeads.Crm;

/// <summary>How the CRM sinks describe a lead in text: its topic, its action and its offer (compiled into each CRM sink package, src/Shared/Crm).</summary>
internal static class CrmLeadText
{
    /// <summary>The topic: <c>AppSource · Contact me · Contoso Analytics</c> (the parts known).</summary>
    /// <param name="lead">The lead.</param>
    /// <returns>The topic.</returns>
    public static string Subject(Lead lead)
    {
        var source = SourceText(lead);
        var action = ActionText(lead.Action);
        var offer = OfferText(lead);
        return (action, offer) switch
        {
            (null, null) => $"{source} lead",
            (null, _) => $"{source} · {offer}",
            (_, null) => $"{source} · {action}",
            _ => $"{source} · {action} · {offer}",
        };
    }

    /// <summary>The marketplace the lead came from: <c>AppSource</c>, <c>Azure Marketplace</c>, <c>Azure portal</c>, <c>Test drive</c> or <c>Marketplace</c>.</summary>
    /// <param name="lead">The lead.</param>
    /// <returns>The name.</returns>
    public static string SourceText(Lead lead) => lead.Source switch
    {
        MarketplaceSource.AzureMarketplace => "Azure Marketplace",
        MarketplaceSource.AzurePortal => "Azure portal",
        MarketplaceSource.AppSource => "AppSource",
        MarketplaceSource.TestDrive => "Test drive",
        _ => "Marketplace",
    };

    /// <summary>The action as Partner Center names it.</summary>
    /// <param name="action">The action.</param>
    /// <returns>The name, or <see langword="null"/> for an unknown action.</returns>
    public static string? ActionText(LeadAction action) => action switch
    {
        LeadAction.PartnerLedTrial => "Contact me",
        LeadAction.Install => "Get it now",
        LeadAction.StartTestDrive => "Test drive",
        LeadAction.Create => "Create",
        LeadAction.DoNotContact => "Do not contact",
        _ => null,
    };

    /// <summary>The offer: its display name, else its id (<c>publisher.offer</c>).</summary>
    /// <param name="lead">The lead.</param>
    /// <returns>The offer, or <see langword="null"/> when the lead names none.</returns>
    public static string? OfferText(Lead lead)
    {
        if (!string.IsNullOrWhiteSpace(lead.OfferTitle))
        {
            return lead.OfferTitle.Trim();
        }

        return lead.Offer.IsEmpty ? null : lead.Offer.ToString();
    }
}
