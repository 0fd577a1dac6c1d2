namespace MarketplaceLeads.Benchmarks;

/// <summary>The DTOs of the hand-written baselines (reflection-based JSON into plain classes).</summary>
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
