using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;

namespace MarketplaceLeads.Crm;

/// <summary>Sends a CRM request and turns what keeps it from being answered into a transient <see cref="LeadSinkException"/> (compiled into each CRM sink package, src/Shared/Crm).</summary>
internal static class CrmHttp
{
    /// <summary>Sends <paramref name="request"/> and reads the whole answer; a network error or a time-out (not the caller's cancellation) throws a transient <see cref="LeadSinkException"/>.</summary>
    /// <param name="client">The client.</param>
    /// <param name="request">The request.</param>
    /// <param name="target">What is called, for messages, such as <c>the Dataverse environment contoso.crm.dynamics.com</c> (never a URL's path or query).</param>
    /// <param name="what">What the request is for, for messages, such as <c>lead 0f…</c>.</param>
    /// <param name="cancellationToken">The caller's token; its cancellation is rethrown as it is.</param>
    /// <returns>The response, whatever its status.</returns>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string target, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (System.OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (HttpRequestException error)
        {
            throw new LeadSinkException($"The request to {target} failed ({error.HttpRequestError}; {what}).", isTransient: true, innerException: error);
        }
        catch (System.OperationCanceledException error)
        {
            // HttpClient.Timeout, or a handler that cancels: not the caller's token.
            throw new LeadSinkException($"The request to {target} timed out ({what}).", isTransient: true, innerException: error);
        }
    }
}
