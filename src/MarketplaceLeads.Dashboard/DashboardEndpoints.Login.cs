using System;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace MarketplaceLeads.Dashboard;

/// <summary>The admin key's sign-in: the key, compared in constant time, is exchanged for the cookie of <see cref="MarketplaceLeadsDashboardOptions.AuthenticationScheme"/>.</summary>
internal sealed partial class DashboardEndpoints
{
    private Task LoginPageAsync(HttpContext context) => WriteLoginAsync(context, StatusCodes.Status200OK, null);

    private async Task WriteLoginAsync(HttpContext context, int statusCode, string? error)
    {
        var returnUrl = LocalReturnUrl(context, context.Request.Query["returnUrl"].ToString());
        var root = Html.E(Base(context));
        await WritePageAsync(context, "Sign in", null, statusCode, html =>
        {
            if (error is not null)
            {
                html.Raw("<p class=\"error\" role=\"alert\" id=\"login-error\">").Text(error).Raw("</p>");
            }

            html.Raw($"<form class=\"stack narrow\" method=\"post\" action=\"{root}/login\">{AntiforgeryField(context)}<input type=\"hidden\" name=\"returnUrl\" value=\"{Html.E(returnUrl)}\">")
                .Raw($"<label for=\"admin-key\">Admin key</label><input id=\"admin-key\" name=\"key\" type=\"password\" autocomplete=\"current-password\" required{(error is null ? string.Empty : " aria-describedby=\"login-error\" aria-invalid=\"true\"")}>")
                .Raw("<button type=\"submit\">Sign in</button></form>");
        }).ConfigureAwait(false);
    }

    private async Task LoginAsync(HttpContext context)
    {
        var form = await ReadFormAsync(context).ConfigureAwait(false);
        if (form is null)
        {
            return;
        }

        if (!KeyMatches(form["key"].ToString(), options.AdminKey!))
        {
            DashboardLog.SignInRefused(Logger(context));
            await WriteLoginAsync(context, StatusCodes.Status401Unauthorized, "That is not the admin key.").ConfigureAwait(false);
            return;
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], MarketplaceLeadsDashboardOptions.AuthenticationScheme);
        await context.SignInAsync(MarketplaceLeadsDashboardOptions.AuthenticationScheme, new ClaimsPrincipal(identity)).ConfigureAwait(false);
        DashboardLog.SignedIn(Logger(context));
        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = LocalReturnUrl(context, form["returnUrl"].ToString());
    }

    private async Task LogoutAsync(HttpContext context)
    {
        if (await ReadFormAsync(context).ConfigureAwait(false) is null)
        {
            return;
        }

        await context.SignOutAsync(MarketplaceLeadsDashboardOptions.AuthenticationScheme).ConfigureAwait(false);
        await RedirectAsync(context, "/login").ConfigureAwait(false);
    }

    /// <summary>Compares the typed key with the admin key in constant time (both hashed first, so the lengths tell nothing either).</summary>
    internal static bool KeyMatches(string typed, string adminKey) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(typed)), SHA256.HashData(Encoding.UTF8.GetBytes(adminKey)));

    /// <summary>Where to go after signing in: the return URL when it is a page of this dashboard, else today's list (never another site).</summary>
    private string LocalReturnUrl(HttpContext context, string returnUrl)
    {
        var root = Base(context);
        return returnUrl.StartsWith(root + "/", StringComparison.Ordinal) && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.Contains('\\', StringComparison.Ordinal) && !returnUrl.Contains("://", StringComparison.Ordinal)
            ? returnUrl
            : root + "/";
    }
}
