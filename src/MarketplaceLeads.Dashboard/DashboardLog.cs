using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.Dashboard;

/// <summary>The dashboard's log messages: ids, kinds and counts only, never a name, e-mail address, phone number, note or key.</summary>
internal static partial class DashboardLog
{
    [LoggerMessage(1, LogLevel.Information, "Dashboard: a {Kind} touch recorded for profile {ProfileId}")]
    public static partial void TouchRecorded(ILogger logger, string kind, string profileId);

    [LoggerMessage(2, LogLevel.Information, "Dashboard: review {Kind} of profiles {First} and {Second}")]
    public static partial void Reviewed(ILogger logger, string kind, string first, string second);

    [LoggerMessage(3, LogLevel.Warning, "Dashboard: a form to {Path} was refused: its antiforgery token is missing or wrong")]
    public static partial void AntiforgeryRejected(ILogger logger, string path);

    [LoggerMessage(4, LogLevel.Warning, "Dashboard: a sign-in with a wrong admin key was refused")]
    public static partial void SignInRefused(ILogger logger);

    [LoggerMessage(5, LogLevel.Information, "Dashboard: signed in with the admin key")]
    public static partial void SignedIn(ILogger logger);

    [LoggerMessage(6, LogLevel.Information, "Dashboard: dead letter {DeadLetterId} retried: {Outcome}")]
    public static partial void DeadLetterRetried(ILogger logger, long deadLetterId, string outcome);

    [LoggerMessage(7, LogLevel.Information, "Dashboard: profile {ProfileId} split; leads moved to profile {NewProfileId}")]
    public static partial void Split(ILogger logger, string profileId, string newProfileId);
}
