using System;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads;

/// <summary>Stores MarketplaceLeads' shared state in PostgreSQL (<c>builder.UsePostgreSql(o =&gt; o.ConnectionString = "Host=…;Database=leads")</c>).</summary>
public static class MarketplaceLeadsPostgreSqlBuilderExtensions
{
    /// <summary>
    /// Keeps the pipeline's journal (accepted leads survive a process exit; each pending lead is delivered by one process at
    /// a time and a crashed process's are taken over), the de-duplication state (profiles, match state, review decisions; each
    /// identity decision serialised across processes per blocking key), the touch log (<see cref="FollowUp.IFollowUpStore"/>) and a sink that
    /// stores every delivered lead and its customer profile, upserted by <see cref="LeadId"/>, in one PostgreSQL schema (a
    /// <see cref="PostgreSqlLeadDatabase"/> singleton) that several processes can share. Call it on the default pipeline's builder.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the connection string (required), schema, sink name and claim lease.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="builder"/> configures a named pipeline (create a <see cref="PostgreSqlLeadDatabase"/> per pipeline and pass its journal to <c>UseLeadJournal</c>), or the options are invalid.</exception>
    public static IMarketplaceLeadsBuilder UsePostgreSql(this IMarketplaceLeadsBuilder builder, Action<PostgreSqlLeadsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        if (builder.Name.Length != 0)
        {
            throw new ArgumentException($"UsePostgreSql configures the default pipeline; pipeline '{builder.Name}' is named. Create a PostgreSqlLeadDatabase for it and call UseLeadJournal(_ => database.Journal) and AddSink(_ => database.CreateSink(), name).", nameof(builder));
        }

        var options = new PostgreSqlLeadsOptions();
        configure(options);
        Internal.OptionsRules.ThrowIfInvalid(new PostgreSqlLeadsOptionsValidator(), options);
        builder.Services.TryAddSingleton(provider => new PostgreSqlLeadDatabase(options, provider.GetService<TimeProvider>()));
        builder.UseLeadJournal(static provider => provider.GetRequiredService<PostgreSqlLeadDatabase>().Journal);
        builder.Services.Replace(ServiceDescriptor.Singleton(static provider => provider.GetRequiredService<PostgreSqlLeadDatabase>().CreateJournaledDeduplicationStore(
            provider.GetService<IOptions<DeduplicationOptions>>()?.Value.Survivorship)));
        builder.Services.Replace(ServiceDescriptor.Singleton(static provider => provider.GetRequiredService<PostgreSqlLeadDatabase>().CreateFollowUpStore()));
        builder.AddSink(static provider => provider.GetRequiredService<PostgreSqlLeadDatabase>().CreateJournaledSink(), options.SinkName);
        return builder;
    }
}
