namespace MarketplaceLeads;

/// <summary>Describes something odd about a lead that was still read and accepted (see <see cref="Lead.Warnings"/>).</summary>
/// <param name="Kind">What is odd.</param>
/// <param name="Field">The field concerned, named as the marketplace sends it: <c>LeadSource</c>, <c>ActionCode</c>, <c>OfferTitle</c>, <c>Description</c>, <c>UserDetails.Email</c>, …, or an additional property's name.</param>
/// <param name="Message">What is odd, in words; it never quotes customer data (names, e-mail addresses, phone numbers, notes), so it can be logged.</param>
public sealed record LeadWarning(LeadWarningKind Kind, string Field, string Message)
{
    /// <summary>Formats the warning as <c>Field: Message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Field + ": " + Message;
}
