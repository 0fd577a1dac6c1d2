using System;
using System.Linq;
using System.Text;
using MarketplaceLeads.Testing.Fuzzing;
using Xunit.Sdk;

namespace MarketplaceLeads.Tests.Fuzzing;

/// <summary>The fuzzing harness itself: deterministic inputs, exact C# reproducers, failures shrunk and reported.</summary>
public sealed class FuzzHarnessTests
{
    [Fact]
    public void MutationEngine_SameSeedAndIteration_GivesTheSameInput()
    {
        var engine = new MutationEngine(FuzzCorpus.HttpsBodies, Mutators.ForJson);

        var inputs = Enumerable.Range(0, 200).Select(i => engine.Generate(42, i)).ToList();
        var again = Enumerable.Range(0, 200).Select(i => engine.Generate(42, i)).ToList();

        Assert.All(inputs.Zip(again), p => Assert.Equal(p.First.Value, p.Second.Value));
        Assert.All(inputs.Zip(again), p => Assert.Equal(p.First.Origin, p.Second.Origin));
        Assert.True(inputs.Select(static c => Convert.ToBase64String(c.Value)).Distinct().Count() > 150, "the inputs should differ from one another");
    }

    [Fact]
    public void CSharpTextBytes_InvalidUtf8AndEscapes_WritesSourceThatRecreatesTheBytes()
    {
        Assert.Equal("(byte[])[.. \"{\\\"a\\\":\\\"\"u8, 0xED, 0xA0, 0x80, .. \"\\\"}\"u8]", CSharpText.Bytes([.. "{\"a\":\""u8, 0xED, 0xA0, 0x80, .. "\"}"u8]));
        Assert.Equal("\"\\\\ud83d\\n\\u00E9\\U0001F600\"u8", CSharpText.Bytes(Encoding.UTF8.GetBytes("\\ud83d\né😀")));
        Assert.Equal("\"\\uD83D\"", CSharpText.String("\uD83D"));
    }

    [Fact]
    public void FuzzRunner_TargetThatThrowsOnAByte_ReportsTheIterationAndAMinimalInput()
    {
        var seeds = new[] { new FuzzSeed("seed", "{\"LeadSource\":\"AppSource-PLT|a.b\",\"x\":\"\\\\\"}"u8.ToArray()) };

        var failure = Assert.Throws<FailException>(() => FuzzRunner.RunBytes("throws on a backslash", seeds, Mutators.Generic, static (input, _) =>
        {
            if (input.Contains((byte)'\\'))
            {
                throw new InvalidOperationException("a backslash");
            }
        }, null));

        Assert.Contains("System.InvalidOperationException", failure.Message, StringComparison.Ordinal);
        Assert.Contains("iteration ", failure.Message, StringComparison.Ordinal);
        Assert.Contains("minimal input: \"\\\\\"u8", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckReasonQuotesNoInput_SystemTextJsonQuotingTheRestOfTheRecord_IsCaught_OwnWordingIsNot()
    {
        const string Record = "{\"UserDetails\":{\"FirstName\":nul \"Brandt\",\"LastName\":\"Larson\"},\"LeadSource\":\"AppSource-PLT | contoso.contoso-crm-connector\"}";

        var leak = Assert.Throws<FuzzInvariantException>(() => FuzzInvariants.CheckReasonQuotesNoInput("malformed JSON: 'nul \"Brandt\",\"LastName\":\"Larson\"}' is an invalid JSON literal. Expected the literal 'null'.", Record));
        Assert.Equal("reason-quotes-no-input", leak.Invariant);

        FuzzInvariants.CheckReasonQuotesNoInput("malformed JSON: expected the literal null at byte 29", Record);
        FuzzInvariants.CheckReasonQuotesNoInput("expected 'Source-Action | publisher.offer', such as 'AppSource-PLT | contoso.contoso-crm-connector'", Record);
        FuzzInvariants.CheckReasonQuotesNoInput("the property appears more than once; UserDetails.FirstName", Record);
    }
}
