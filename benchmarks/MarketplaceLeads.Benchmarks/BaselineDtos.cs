using System.Text.Json.Serialization;

namespace MarketplaceLeads.Benchmarks;

/// <summary>The DTOs of the hand-written baselines (JSON into plain classes, with reflection or a source-generated context).</summary>
internal static class BaselineDtos
{
    /// <summary>The payload as a typical user models it: one settable property per JSON property.</summary>
    internal sealed class PayloadDto
    {
        public UserDetailsDto? UserDetails { get; set; }

        public string? LeadSource { get; set; }

        public string? ActionCode { get; set; }

        public string? OfferTitle { get; set; }

        public string? Description { get; set; }
    }

    /// <summary>The <c>UserDetails</c> object of <see cref="PayloadDto"/>.</summary>
    internal sealed class UserDetailsDto
    {
        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Email { get; set; }

        public string? Phone { get; set; }

        public string? Country { get; set; }

        public string? Company { get; set; }

        public string? Title { get; set; }
    }
}

/// <summary>
/// The source-generated baseline: System.Text.Json's generator for <see cref="BaselineDtos.PayloadDto"/>, names matched
/// ignoring case as in the reflection baseline. This is what a user writing a trimming- or AOT-safe app would use.
/// </summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(BaselineDtos.PayloadDto))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext
{
}
