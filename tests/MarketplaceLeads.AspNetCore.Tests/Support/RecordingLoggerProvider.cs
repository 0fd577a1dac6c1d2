using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.Extensions.Logging;

namespace MarketplaceLeads.AspNetCore.Tests;

/// <summary>One log entry as a provider sees it: level, category, message, the structured state's values and the values of every active scope.</summary>
internal sealed record LogEntry(LogLevel Level, string Category, EventId EventId, string Message, IReadOnlyList<KeyValuePair<string, string?>> State, IReadOnlyList<string> Scopes, Exception? Exception)
{
    /// <summary>Gets every text the entry carries (message, state values, scope values, exception), for "contains nowhere" checks.</summary>
    public IEnumerable<string> Texts =>
        new[] { Message, Exception?.ToString() ?? string.Empty }.Concat(State.Select(static kv => kv.Value ?? string.Empty)).Concat(Scopes);

    public override string ToString() => $"{Level} [{Category}] {Message}";
}

/// <summary>
/// Records every log entry at every level, with its state values and its scopes (the provider supports external scopes,
/// as the console and JSON providers do when <c>IncludeScopes</c> is on). Alias <c>Recording</c> in configuration.
/// </summary>
[ProviderAlias("Recording")]
internal sealed class RecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogEntry> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<LogEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private static string Describe(object? value) => value switch
    {
        null => string.Empty,
        IEnumerable<KeyValuePair<string, object?>> pairs => string.Join("; ", pairs.Select(static kv => kv.Key + "=" + Convert.ToString(kv.Value, CultureInfo.InvariantCulture))) + " | " + value,
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? string.Empty,
    };

    private sealed class Logger(RecordingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Select(static kv => new KeyValuePair<string, string?>(kv.Key, Convert.ToString(kv.Value, CultureInfo.InvariantCulture))).ToList()
                : [];
            var scopes = new List<string>();
            provider._scopes.ForEachScope(static (scope, list) => list.Add(Describe(scope)), scopes);
            provider._entries.Enqueue(new LogEntry(logLevel, category, eventId, formatter(state, exception), values, scopes, exception));
        }
    }
}
