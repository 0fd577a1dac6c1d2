using System;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Internal;
using MarketplaceLeads.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MarketplaceLeads;

/// <summary>Stores MarketplaceLeads' state in SQLite (<c>builder.UseSqlite(o =&gt; o.Path = "leads.db")</c>).</summary>
public static class MarketplaceLeadsSqliteBuilderExtensions
{
    /// <summary>
    /// Keeps everything in one SQLite database (a <see cref="SqliteLeadDatabase"/> singleton): the pipeline's journal
    /// (accepted leads survive a process exit and are delivered after a restart), the de-duplication state (profiles
    /// persist across restarts), the touch log (<see cref="FollowUp.IFollowUpStore"/>), and a sink that stores every delivered lead and its customer profile, upserted by
    /// <see cref="LeadId"/>. Call it on the default pipeline's builder.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the file (default <c>leads.db</c>), durability and sink name; <see langword="null"/> for the defaults.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="builder"/> configures a named pipeline (open a <see cref="SqliteLeadDatabase"/> per pipeline and pass its journal to <c>UseLeadJournal</c>), or the options are invalid.</exception>
    public static IMarketplaceLeadsBuilder UseSqlite(this IMarketplaceLeadsBuilder builder, Action<SqliteLeadsOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Name.Length != 0)
        {
            throw new ArgumentException($"UseSqlite configures the default pipeline; pipeline '{builder.Name}' is named. Open a SqliteLeadDatabase for it and call UseLeadJournal(_ => database.Journal) and AddSink(_ => database.CreateSink(), name).", nameof(builder));
        }

        var options = new SqliteLeadsOptions();
        configure?.Invoke(options);
        OptionsRules.ThrowIfInvalid(new SqliteLeadsOptionsValidator(), options);
        builder.Services.TryAddSingleton(provider => new SqliteLeadDatabase(options, provider.GetService<TimeProvider>()));
        builder.UseLeadJournal(static provider => provider.GetRequiredService<SqliteLeadDatabase>().Journal);
        builder.Services.Replace(ServiceDescriptor.Singleton(static provider => provider.GetRequiredService<SqliteLeadDatabase>().CreateJournaledDeduplicationStore(
            provider.GetService<IOptions<DeduplicationOptions>>()?.Value.Survivorship)));
        builder.Services.Replace(ServiceDescriptor.Singleton(static provider => provider.GetRequiredService<SqliteLeadDatabase>().CreateFollowUpStore()));
        builder.AddSink(static provider => provider.GetRequiredService<SqliteLeadDatabase>().CreateJournaledSink(), options.SinkName);
        return builder;
    }
}
