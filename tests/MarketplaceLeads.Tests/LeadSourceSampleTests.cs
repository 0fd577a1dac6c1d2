using System;
using System.IO;
using MarketplaceLeads.Samples.LeadSources;

namespace MarketplaceLeads.Tests;

/// <summary>The README's first command: the sample that prints a file of LeadSource values typed.</summary>
public class LeadSourceSampleTests
{
    [Fact]
    public void Run_EmbeddedSample_ParsesEveryLine()
    {
        using var reader = Program.OpenEmbeddedSample();
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = LeadSourceReport.Run(reader, "embedded", output, error);

        Assert.Equal(LeadSourceReport.Success, exitCode);
        Assert.Equal(string.Empty, error.ToString());
        Assert.Contains("9 parsed, 0 rejected", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("PartnerLedTrial (PLT)", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("<Offer Name>", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_BadLines_ReportsFileLineAndReasonAndKeepsTheRest()
    {
        var input = new StringReader(string.Join('\n',
            "AzureMarketplace-INS | a.b",
            "AzureMarketplace",
            "",
            "AppSource-PLT | c.d",
            "-INS | e.f"));
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = LeadSourceReport.Run(input, "leads.txt", output, error);

        Assert.Equal(LeadSourceReport.SomeRejected, exitCode);
        var errors = error.ToString();
        Assert.Contains("leads.txt(2): 'AzureMarketplace' is not a valid LeadSource: expected '|'", errors, StringComparison.Ordinal);
        Assert.Contains("leads.txt(5): '-INS | e.f' is not a valid LeadSource: expected a source", errors, StringComparison.Ordinal);
        Assert.Contains("2 parsed, 2 rejected", output.ToString(), StringComparison.Ordinal);
    }
}
