using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;
using MarketplaceLeads.Notifications;
using MimeKit;

namespace MarketplaceLeads.Smtp;

/// <summary>
/// E-mails follow-up alerts (<see cref="FollowUpAlerts"/>) over SMTP with MailKit: one message per alert to the configured
/// recipients, its subject the alert's summary line, its body the summary, the lead id and the alert id.
/// </summary>
/// <remarks>
/// A connection or a 4xx reply (the server is busy) throws a transient <see cref="LeadSinkException"/>, retried by
/// <see cref="FollowUpAlerts"/>; a 5xx reply (a refused sender or recipient, a failed login) throws one that is not
/// transient, and the alert is dead-lettered. Messages name the server and the reply code, never the alert's data.
/// </remarks>
public sealed class SmtpNotifier : INotifier
{
    private readonly SmtpNotifierOptions _options;

    /// <summary>Initializes a new notifier.</summary>
    /// <param name="options">The server, sender and recipients.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The host, the sender or the recipients are missing.</exception>
    public SmtpNotifier(SmtpNotifierOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host, nameof(options));
        ArgumentException.ThrowIfNullOrWhiteSpace(options.From, nameof(options));
        if (options.To.Count == 0)
        {
            throw new ArgumentException("At least one recipient (SmtpNotifierOptions.To) is required.", nameof(options));
        }

        _options = options;
    }

    /// <inheritdoc/>
    public async ValueTask NotifyAsync(FollowUpAlert alert, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var summary = AlertText.Summary(alert);
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(_options.From));
        foreach (var to in _options.To)
        {
            message.To.Add(MailboxAddress.Parse(to));
        }

        message.Subject = summary;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        message.Headers.Add("X-MarketplaceLeads-Alert", alert.Id);
        message.Body = new TextPart("plain")
        {
            Text = string.Create(CultureInfo.InvariantCulture, $"{summary}\r\n\r\nLead: {alert.Task.LeadId}\r\nCustomer: {alert.Task.ProfileId}\r\nAlert: {alert.Id}\r\n"),
        };

        using var client = new SmtpClient();
        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, _options.Security, cancellationToken).ConfigureAwait(false);
            if (_options.UserName is { } user)
            {
                await client.AuthenticateAsync(user, _options.Password ?? string.Empty, cancellationToken).ConfigureAwait(false);
            }

            await client.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await client.DisconnectAsync(quit: true, cancellationToken).ConfigureAwait(false);
        }
        catch (SmtpCommandException error)
        {
            var code = (int)error.StatusCode;
            throw new LeadSinkException($"The SMTP server {_options.Host} replied {code.ToString(CultureInfo.InvariantCulture)} ({error.ErrorCode}).", isTransient: code is >= 400 and < 500, innerException: error);
        }
        catch (AuthenticationException error)
        {
            throw new LeadSinkException($"The SMTP server {_options.Host} refused the login.", isTransient: false, innerException: error);
        }
        catch (Exception error) when (error is SocketException or SmtpProtocolException or ServiceNotConnectedException or System.IO.IOException)
        {
            throw new LeadSinkException($"The SMTP server {_options.Host} could not be reached or closed the connection.", isTransient: true, innerException: error);
        }
    }
}

/// <summary>Configures <see cref="SmtpNotifier"/>.</summary>
public sealed class SmtpNotifierOptions
{
    /// <summary>Gets or sets the SMTP server's host name.</summary>
    public string Host { get; set; } = string.Empty;

    /// <summary>Gets or sets the port.</summary>
    /// <value>Default 587 (submission).</value>
    public int Port { get; set; } = 587;

    /// <summary>Gets or sets how the connection is secured.</summary>
    /// <value>Default <see cref="SecureSocketOptions.StartTls"/> (required); <see cref="SecureSocketOptions.SslOnConnect"/> for port 465; <see cref="SecureSocketOptions.None"/> only for a relay on the same host.</value>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;

    /// <summary>Gets or sets the user name to log in with, or <see langword="null"/> to send without logging in.</summary>
    public string? UserName { get; set; }

    /// <summary>Gets or sets the password (from configuration or a secret store, never code).</summary>
    public string? Password { get; set; }

    /// <summary>Gets or sets the sender's address.</summary>
    public string From { get; set; } = string.Empty;

    /// <summary>Gets the recipients' addresses (the team's mailbox).</summary>
    public IList<string> To { get; } = new List<string>();
}
