using System.Globalization;
using System.Linq;
using MarketplaceLeads.FollowUp;

namespace MarketplaceLeads.Notifications;

/// <summary>The one-line text of an alert for a chat message or an e-mail subject (personal data: for the destination only, never logged).</summary>
internal static class AlertText
{
    public static string Summary(FollowUpAlert alert)
    {
        var context = alert.Task.Context;
        var name = string.Join(' ', new[] { context.FirstName, context.LastName }.Where(static p => !string.IsNullOrWhiteSpace(p)));
        var who = string.IsNullOrWhiteSpace(context.Company) ? name : $"{name}, {context.Company}";
        var what = alert.Kind == FollowUpAlertKind.Warning ? "Reply due by" : "Reply overdue since";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{what} {alert.Task.DueAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC ({DueList.ActionName(alert.Action)}): {who} — {context.Offer.Title ?? alert.Task.Offer.ToString()}");
    }
}
