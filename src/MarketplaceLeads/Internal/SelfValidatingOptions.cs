using System;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.Internal;

/// <summary>Options that check themselves (the same rules and messages in the constructor that takes them and at start-up).</summary>
internal interface ISelfValidatingOptions
{
    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names the property and the value.</exception>
    void Validate();
}

/// <summary>Validates <typeparamref name="TOptions"/> at start-up with their own <see cref="ISelfValidatingOptions.Validate"/>.</summary>
/// <typeparam name="TOptions">The options type.</typeparam>
internal sealed class SelfValidatingOptionsValidator<TOptions> : IValidateOptions<TOptions>
    where TOptions : class, ISelfValidatingOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
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
