using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads.Delivery;

/// <summary>Checks at start-up that a pipeline has at least one sink and that its sinks' names are unique (the journal records progress by name).</summary>
internal sealed class PipelineRegistrationValidator(IEnumerable<SinkRegistration> sinks, IEnumerable<PipelineRegistration> pipelines) : IValidateOptions<MarketplaceLeadsOptions>
{
    public ValidateOptionsResult Validate(string? name, MarketplaceLeadsOptions options)
    {
        name ??= Options.DefaultName;
        if (!pipelines.Any(p => p.Name == name))
        {
            return ValidateOptionsResult.Skip;
        }

        var message = Check(name, sinks.Where(s => s.Pipeline == name).ToList());
        return message is null ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(message);
    }

    public static void ThrowIfInvalid(string name, IReadOnlyList<SinkRegistration> sinks)
    {
        if (Check(name, sinks) is { } message)
        {
            throw new OptionsValidationException(name, typeof(MarketplaceLeadsOptions), [message]);
        }
    }

    private static string? Check(string name, IReadOnlyList<SinkRegistration> sinks)
    {
        var pipeline = name.Length == 0 ? "The default lead pipeline" : $"Lead pipeline '{name}'";
        if (sinks.Count == 0)
        {
            return $"{pipeline} has no sink; add one with AddSink(…), AddSink<T>() or AddJsonLinesFileSink(…).";
        }

        var duplicate = sinks.GroupBy(s => s.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? null
            : $"{pipeline} has {duplicate.Count()} sinks named '{duplicate.Key}'; sink names must be unique (pass a name to AddSink).";
    }
}
