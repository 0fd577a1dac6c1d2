using Microsoft.Extensions.Options;

namespace MarketplaceLeads;

/// <summary>Validates <see cref="MarketplaceLeadsOptions"/> at start-up (source-generated from the options' validation attributes, no reflection).</summary>
[OptionsValidator]
internal sealed partial class MarketplaceLeadsOptionsValidator : IValidateOptions<MarketplaceLeadsOptions>
{
}
