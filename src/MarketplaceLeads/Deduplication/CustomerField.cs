namespace MarketplaceLeads.Deduplication;

/// <summary>A field of <see cref="CustomerInfo"/>, for survivorship rules and <see cref="CustomerProfile.GetValues"/>.</summary>
public enum CustomerField
{
    /// <summary><see cref="CustomerInfo.FirstName"/>.</summary>
    FirstName = 0,

    /// <summary><see cref="CustomerInfo.LastName"/>.</summary>
    LastName = 1,

    /// <summary><see cref="CustomerInfo.Email"/>.</summary>
    Email = 2,

    /// <summary><see cref="CustomerInfo.Phone"/>.</summary>
    Phone = 3,

    /// <summary><see cref="CustomerInfo.Country"/>.</summary>
    Country = 4,

    /// <summary><see cref="CustomerInfo.Company"/>.</summary>
    Company = 5,

    /// <summary><see cref="CustomerInfo.Title"/>.</summary>
    Title = 6,
}
