using System;
using System.Net.Http;
using System.Threading;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.Http.Tests;

/// <summary><c>AddWebhookSink</c>: options validated at registration with messages that name the option and its value (never a secret), the named client.</summary>
public sealed class WebhookSinkRegistrationTests
{
    [Theory]
    [InlineData("no-endpoint", "WebhookSinkOptions.Endpoint must be set to an absolute https URL; it is null.")]
    [InlineData("relative", "WebhookSinkOptions.Endpoint must be an absolute URL; it is the relative URL 'hooks/leads'.")]
    [InlineData("ftp", "WebhookSinkOptions.Endpoint must use https; it uses 'ftp' ('ftp://hooks.example.com/leads').")]
    [InlineData("plain-http", "WebhookSinkOptions.Endpoint must use https unless its host is loopback or WebhookSinkOptions.AllowInsecureHttp is set (leads carry personal data); it is 'http://hooks.example.com/leads?…'.")]
    [InlineData("user-info", "WebhookSinkOptions.Endpoint must not carry credentials (user info); send them in WebhookSinkOptions.Headers. It is 'https://hooks.example.com/leads'.")]
    [InlineData("empty-name", "WebhookSinkOptions.Name must not be empty; it is ' '.")]
    [InlineData("zero-timeout", "WebhookSinkOptions.AttemptTimeout must be between 00:00:00.0100000 and 00:10:00; it is 00:00:00.")]
    [InlineData("long-timeout", "WebhookSinkOptions.AttemptTimeout must be between 00:00:00.0100000 and 00:10:00; it is 01:00:00.")]
    [InlineData("short-secret", "WebhookSinkOptions.SigningSecret must be at least 16 characters long (or null for no signature); it is 6 characters long.")]
    [InlineData("small-body", "WebhookSinkOptions.MaxRequestBodyBytes must be at least 4,096; it is 100.")]
    [InlineData("ratio", "WebhookCircuitBreakerOptions.FailureRatio must be greater than 0 and at most 1; it is 1.5.")]
    [InlineData("throughput", "WebhookCircuitBreakerOptions.MinimumThroughput must be at least 2; it is 1.")]
    [InlineData("break", "WebhookCircuitBreakerOptions.BreakDuration must be between 00:00:00.5000000 and 1.00:00:00; it is 00:00:00.1000000.")]
    [InlineData("sampling", "WebhookCircuitBreakerOptions.SamplingDuration must be between 00:00:00.5000000 and 1.00:00:00; it is 2.00:00:00.")]
    [InlineData("content-type", "WebhookSinkOptions.Headers has 'Content-Type', which is not a valid request header name (content headers such as Content-Type are set by the sink).")]
    [InlineData("bad-name", "WebhookSinkOptions.Headers has 'Bad Name', which is not a valid request header name (content headers such as Content-Type are set by the sink).")]
    [InlineData("idempotency", "WebhookSinkOptions.Headers must not set 'idempotency-key': the webhook sink sets it.")]
    [InlineData("signature", "WebhookSinkOptions.Headers must not set 'X-MarketplaceLeads-Signature': the webhook sink sets it.")]
    [InlineData("line-break", "WebhookSinkOptions.Headers['X-Api-Key'] must be a value without line breaks; it is a value with a line break.")]
    public void InvalidOptions_AreRefusedAtRegistration_WithAMessageNamingOptionAndValue(string variant, string message)
    {
        var builder = new ServiceCollection().AddMarketplaceLeads();

        var error = Assert.Throws<ArgumentException>(() => builder.AddWebhookSink(o =>
        {
            o.Endpoint = new Uri("https://hooks.example.com/leads");
            Spoil(o, variant);
        }));

        Assert.Equal($"{message} (Parameter '{error.ParamName}')", error.Message);
        Assert.Contains($"Options.{error.ParamName}", message, StringComparison.Ordinal); // the parameter is the property at fault
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("KEY-", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://hooks.example.com/leads", false)]
    [InlineData("http://127.0.0.1:8080/leads", false)]
    [InlineData("http://localhost/leads", false)]
    [InlineData("http://[::1]:5000/leads", false)]
    [InlineData("http://crm.internal/leads", true)]
    public void ValidEndpoints_AreAccepted(string endpoint, bool allowInsecureHttp)
    {
        var builder = new ServiceCollection().AddMarketplaceLeads();

        builder.AddWebhookSink(o =>
        {
            o.Endpoint = new Uri(endpoint);
            o.AllowInsecureHttp = allowInsecureHttp;
            o.SigningSecret = "sixteen-chars-ok";
            o.Headers["Authorization"] = "Bearer token";
        });
    }

    [Theory]
    [InlineData("", "MarketplaceLeads.Webhook:crm-hook")]
    [InlineData("archive", "MarketplaceLeads.Webhook:archive:crm-hook")]
    public void AddWebhookSink_RegistersANamedHttpClient_WithoutItsOwnTimeout(string pipeline, string clientName)
    {
        var services = new ServiceCollection();
        var builder = pipeline.Length == 0 ? services.AddMarketplaceLeads() : services.AddMarketplaceLeads(pipeline);
        IHttpClientBuilder? configured = null;

        builder.AddWebhookSink(
            o =>
            {
                o.Endpoint = new Uri("https://hooks.example.com/leads");
                o.Name = "crm-hook";
            },
            http => configured = http);

        Assert.Equal(clientName, configured?.Name);
        using var provider = services.BuildServiceProvider();
        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(clientName);
        Assert.Equal(Timeout.InfiniteTimeSpan, client.Timeout);
    }

    [Fact]
    public void AddWebhookSink_OnANamedPipeline_AddsTheSinkToThatPipelineOnly()
    {
        var services = new ServiceCollection();
        services.AddMarketplaceLeads("a");
        services.AddMarketplaceLeads("b").AddWebhookSink(o => o.Endpoint = new Uri("https://hooks.example.com/leads"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(error.Failures, f => f.StartsWith("Lead pipeline 'a' has no sink", StringComparison.Ordinal));
        Assert.DoesNotContain(error.Failures, f => f.Contains("'b'", StringComparison.Ordinal));
    }

    [Fact]
    public void AddWebhookSink_CopiesTheOptions_LaterChangesHaveNoEffect()
    {
        var builder = new ServiceCollection().AddMarketplaceLeads();
        WebhookSinkOptions? captured = null;
        builder.AddWebhookSink(o =>
        {
            o.Endpoint = new Uri("https://hooks.example.com/leads");
            captured = o;
        });

        // Would fail validation if it were read again.
        captured!.Endpoint = new Uri("ftp://elsewhere.example.com");
        captured.Headers["Bad Name"] = "x";
    }

    private static void Spoil(WebhookSinkOptions o, string variant)
    {
        switch (variant)
        {
            case "no-endpoint": o.Endpoint = null; break;
            case "relative": o.Endpoint = new Uri("hooks/leads", UriKind.Relative); break;
            case "ftp": o.Endpoint = new Uri("ftp://hooks.example.com/leads"); break;
            case "plain-http": o.Endpoint = new Uri("http://hooks.example.com/leads?code=KEY-123"); break;
            case "user-info": o.Endpoint = new Uri("https://admin:s3cret@hooks.example.com/leads"); break;
            case "empty-name": o.Name = " "; break;
            case "zero-timeout": o.AttemptTimeout = TimeSpan.Zero; break;
            case "long-timeout": o.AttemptTimeout = TimeSpan.FromHours(1); break;
            case "short-secret": o.SigningSecret = "s3cret"; break;
            case "small-body": o.MaxRequestBodyBytes = 100; break;
            case "ratio": o.CircuitBreaker.FailureRatio = 1.5; break;
            case "throughput": o.CircuitBreaker.MinimumThroughput = 1; break;
            case "break": o.CircuitBreaker.BreakDuration = TimeSpan.FromMilliseconds(100); break;
            case "sampling": o.CircuitBreaker.SamplingDuration = TimeSpan.FromDays(2); break;
            case "content-type": o.Headers["Content-Type"] = "text/plain"; break;
            case "bad-name": o.Headers["Bad Name"] = "x"; break;
            case "idempotency": o.Headers["idempotency-key"] = "x"; break;
            case "signature": o.Headers["X-MarketplaceLeads-Signature"] = "x"; break;
            case "line-break": o.Headers["X-Api-Key"] = "KEY-1\r\nInjected: yes"; break;
        }
    }
}
