using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Deduplication;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;

namespace MarketplaceLeads.PostgreSql.Tests;

/// <summary>The PostgreSQL journal against the conformance suite every store passes; reopening creates a new database instance on the same schema (the closed one released its claims).</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlLeadJournalConformanceTests(PostgresFixture server) : LeadJournalConformance, IDisposable
{
    private readonly ConformanceSchema _schema = new(server);

    protected override ValueTask<ILeadJournal> OpenAsync() => ValueTask.FromResult(_schema.Open().Journal);

    protected override ValueTask CloseAsync() => _schema.CloseAsync();

    public void Dispose() => _schema.Dispose();
}

/// <summary>The PostgreSQL touch log against the conformance suite every store passes.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlFollowUpStoreConformanceTests(PostgresFixture server) : FollowUpStoreConformance, IDisposable
{
    private readonly ConformanceSchema _schema = new(server);

    protected override ValueTask<IFollowUpStore> OpenAsync() => ValueTask.FromResult(_schema.Open().CreateFollowUpStore());

    protected override ValueTask CloseAsync() => _schema.CloseAsync();

    public void Dispose() => _schema.Dispose();
}

/// <summary>The PostgreSQL sink against the conformance suite every store's sink passes; what it keeps is read from its <c>leads</c> and <c>profiles</c> tables.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlLeadSinkConformanceTests(PostgresFixture server) : LeadSinkConformance, IDisposable
{
    private readonly ConformanceSchema _schema = new(server);

    protected override ValueTask<IProfileChangeSink> OpenAsync() => ValueTask.FromResult((IProfileChangeSink)_schema.Open().CreateSink());

    protected override async ValueTask<IReadOnlyList<StoredLeadView>> ReadAsync() =>
        [.. (await _schema.Database.ReadLeadsAsync(default)).Select(s => new StoredLeadView(s.Lead, new CustomerProfileId(LeadId.Parse(s.ProfileId)), Enum.Parse<DeduplicationOutcome>(s.Outcome), s.DoNotContact))];

    protected override ValueTask CloseAsync() => _schema.CloseAsync();

    public void Dispose() => _schema.Dispose();
}

/// <summary>The PostgreSQL identity store against the conformance suite every de-duplication store passes; reopening creates a new database instance (and store) on the same schema.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlLeadDeduplicationStoreConformanceTests(PostgresFixture server) : LeadDeduplicationStoreConformance, IDisposable
{
    private readonly ConformanceSchema _schema = new(server);

    protected override ValueTask<ILeadDeduplicationStore> OpenAsync() => ValueTask.FromResult(_schema.Open().CreateDeduplicationStore(Rules));

    protected override ValueTask CloseAsync() => _schema.CloseAsync();

    public void Dispose() => _schema.Dispose();
}

/// <summary>A conformance test's schema: a database instance opened, closed and opened again on it.</summary>
internal sealed class ConformanceSchema(PostgresFixture server) : IDisposable
{
    private readonly PostgreSqlLeadsOptions _options = server.NewOptions();
    private PostgreSqlLeadDatabase? _database;

    public PostgreSqlLeadDatabase Database => _database ?? throw new InvalidOperationException("Not open.");

    public PostgreSqlLeadDatabase Open() => _database = new PostgreSqlLeadDatabase(_options);

    public async ValueTask CloseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
    }

    public void Dispose() => CloseAsync().AsTask().GetAwaiter().GetResult(); // closed already by the suite's DisposeAsync: a no-op
}
