using System;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.Deduplication;

/// <summary>Validates <see cref="DeduplicationOptions"/> at start-up with the same rules and messages as the <see cref="LeadDeduplicator"/> constructor.</summary>
internal sealed class DeduplicationOptionsValidator : IValidateOptions<DeduplicationOptions>
{
    public ValidateOptionsResult Validate(string? name, DeduplicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException error)
        {
            return ValidateOptionsResult.Fail(error.Message);
        }
    }
}
