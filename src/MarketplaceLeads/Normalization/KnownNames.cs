using System;
using System.Runtime.CompilerServices;
using System.Text;
using MarketplaceLeads.Internal;

namespace MarketplaceLeads.Normalization;

/// <summary>Canonical texts of the known sources and actions, and their lenient recognition.</summary>
internal static class KnownNames
{
    public const string AzureMarketplace = "AzureMarketplace";
    public const string AzurePortal = "AzurePortal";
    public const string AppSource = "AppSource";
    public const string Spza = "SPZA";
    public const string AppSourceSpza = "AppSource (SPZA)";
    public const string AppSourceSpzaCompact = "AppSource(SPZA)";
    public const string TestDrive = "TestDrive";

    public const string Install = "INS";
    public const string PartnerLedTrial = "PLT";
    public const string DoNotContact = "DNC";
    public const string Create = "Create";
    public const string StartTestDrive = "StartTestDrive";

    // The names Partner Center's lead downloads use ("Lead Source", "Call to action" columns).
    public const string PartnerCenterAzureMarketplace = "Azure Marketplace";
    public const string PartnerCenterAzurePortal = "Azure portal";
    public const string ContactMe = "Contact me";
    public const string GetItNow = "Get it now";
    public const string TestDriveCallToAction = "Test drive";

    // The same calls to action as enum names without spaces (Partner Center Referrals API CallToAction; inferred from the names above).
    public const string ContactMeName = "ContactMe";
    public const string GetItNowName = "GetItNow";

    /// <summary>Returns the canonical text of a known source, or <see langword="null"/> for <see cref="MarketplaceSource.Unknown"/> and undefined values.</summary>
    public static string? SourceText(MarketplaceSource source) => source switch
    {
        MarketplaceSource.AzureMarketplace => AzureMarketplace,
        MarketplaceSource.AzurePortal => AzurePortal,
        MarketplaceSource.AppSource => AppSource,
        MarketplaceSource.TestDrive => TestDrive,
        _ => null,
    };

    /// <summary>Returns the canonical text of a known action, or <see langword="null"/> for <see cref="LeadAction.Unknown"/> and undefined values.</summary>
    public static string? ActionText(LeadAction action) => action switch
    {
        LeadAction.Install => Install,
        LeadAction.PartnerLedTrial => PartnerLedTrial,
        LeadAction.DoNotContact => DoNotContact,
        LeadAction.Create => Create,
        LeadAction.StartTestDrive => StartTestDrive,
        _ => null,
    };

    /// <summary>Recognises a source text (ASCII case-insensitive); <see cref="MarketplaceSource.Unknown"/> when not recognised.</summary>
    public static MarketplaceSource ClassifySource<T>(ReadOnlySpan<T> text)
        where T : unmanaged
    {
        // Dispatch on length first: every comparison below is then a single vectorised compare.
        return text.Length switch
        {
            16 when EqualsIgnoreCase(text, AzureMarketplace) => MarketplaceSource.AzureMarketplace,
            16 when EqualsIgnoreCase(text, AppSourceSpza) => MarketplaceSource.AppSource,
            15 when EqualsIgnoreCase(text, AppSourceSpzaCompact) => MarketplaceSource.AppSource,
            11 when EqualsIgnoreCase(text, AzurePortal) => MarketplaceSource.AzurePortal,
            9 when EqualsIgnoreCase(text, AppSource) => MarketplaceSource.AppSource,
            9 when EqualsIgnoreCase(text, TestDrive) => MarketplaceSource.TestDrive,
            4 when EqualsIgnoreCase(text, Spza) => MarketplaceSource.AppSource,
            _ => MarketplaceSource.Unknown,
        };
    }

    /// <summary>Recognises an action text (ASCII case-insensitive); <see cref="LeadAction.Unknown"/> when not recognised.</summary>
    public static LeadAction ClassifyAction<T>(ReadOnlySpan<T> text)
        where T : unmanaged
    {
        return text.Length switch
        {
            3 when EqualsIgnoreCase(text, Install) => LeadAction.Install,
            3 when EqualsIgnoreCase(text, PartnerLedTrial) => LeadAction.PartnerLedTrial,
            3 when EqualsIgnoreCase(text, DoNotContact) => LeadAction.DoNotContact,
            6 when EqualsIgnoreCase(text, Create) => LeadAction.Create,
            14 when EqualsIgnoreCase(text, StartTestDrive) => LeadAction.StartTestDrive,
            _ => LeadAction.Unknown,
        };
    }

    /// <summary>
    /// Recognises a field that holds only a source: a source name (<see cref="ClassifySource{T}"/>) or
    /// one of the names Partner Center's lead downloads use (<c>Azure Marketplace</c>,
    /// <c>Azure portal</c>, <c>Appsource</c>); ASCII case-insensitive.
    /// </summary>
    public static MarketplaceSource ClassifySourceField(ReadOnlySpan<char> text)
    {
        var source = ClassifySource(text);
        return source != MarketplaceSource.Unknown ? source
            : Ascii.EqualsIgnoreCase(text, PartnerCenterAzureMarketplace) ? MarketplaceSource.AzureMarketplace
            : Ascii.EqualsIgnoreCase(text, PartnerCenterAzurePortal) ? MarketplaceSource.AzurePortal
            : MarketplaceSource.Unknown;
    }

    /// <summary>
    /// Recognises a field that holds only an action: an action code (<see cref="ClassifyAction{T}"/>)
    /// or one of the calls to action Partner Center's lead downloads name (<c>Contact me</c> is
    /// <c>PLT</c>, <c>Get it now</c> is <c>INS</c>, <c>Test drive</c> is <c>StartTestDrive</c>), also written without
    /// spaces as the Referrals API's <c>CallToAction</c> names them (<c>ContactMe</c>, <c>GetItNow</c>, <c>TestDrive</c>);
    /// ASCII case-insensitive.
    /// </summary>
    public static LeadAction ClassifyActionField(ReadOnlySpan<char> text)
    {
        var action = ClassifyAction(text);
        return action != LeadAction.Unknown ? action
            : text.Length == 10 ? (Ascii.EqualsIgnoreCase(text, ContactMe) ? LeadAction.PartnerLedTrial
                : Ascii.EqualsIgnoreCase(text, GetItNow) ? LeadAction.Install
                : Ascii.EqualsIgnoreCase(text, TestDriveCallToAction) ? LeadAction.StartTestDrive
                : LeadAction.Unknown)
            : Ascii.EqualsIgnoreCase(text, ContactMeName) ? LeadAction.PartnerLedTrial
            : Ascii.EqualsIgnoreCase(text, GetItNowName) ? LeadAction.Install
            : Ascii.EqualsIgnoreCase(text, TestDrive) ? LeadAction.StartTestDrive
            : LeadAction.Unknown;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool EqualsIgnoreCase<T>(ReadOnlySpan<T> text, string known)
        where T : unmanaged
    {
        if (typeof(T) == typeof(char))
        {
            return Ascii.EqualsIgnoreCase(SpanHelpers.AsChars(text), known);
        }

        return Ascii.EqualsIgnoreCase(SpanHelpers.AsBytes(text), known);
    }
}
