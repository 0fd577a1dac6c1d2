namespace MarketplaceLeads;

/// <summary>How <see cref="LeadCsv"/> writes CSV.</summary>
public sealed class LeadCsvWriteOptions
{
    /// <summary>
    /// Gets or sets a value indicating whether a value that a spreadsheet would run as a formula is written as text: a cell
    /// that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, tab, carriage return or line feed, and is not a plain number
    /// such as <c>-5</c> or <c>+14255550100</c>, is written quoted with a leading <c>'</c> (OWASP's CSV injection advice).
    /// </summary>
    /// <value>
    /// Default: <see langword="true"/>, for a CSV opened in a spreadsheet or imported into a CRM: anyone who fills in a
    /// marketplace form chooses those values. The <c>'</c> is then part of the value when a program reads the CSV back
    /// (<see cref="LeadReader.ReadCsvAsync"/> included). Set <see langword="false"/> for a CSV only programs read, such as a
    /// round trip through <see cref="LeadReader.ReadCsvAsync"/>, which then returns exactly the values written.
    /// </value>
    public bool NeutralizeFormulas { get; set; } = true;
}
