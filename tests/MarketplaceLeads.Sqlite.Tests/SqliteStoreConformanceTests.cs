using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using MarketplaceLeads.Delivery;
using MarketplaceLeads.FollowUp;

namespace MarketplaceLeads.Sqlite.Tests;

/// <summary>The SQLite journal against the conformance suite every store passes; reopening opens the file again.</summary>
public sealed class SqliteLeadJournalConformanceTests : LeadJournalConformance, IDisposable
{
    private readonly ConformanceFile _file = new();

    protected override ValueTask<ILeadJournal> OpenAsync() => ValueTask.FromResult(_file.Open().Journal);

    protected override ValueTask CloseAsync() => _file.CloseAsync();

    public void Dispose() => _file.Dispose();
}

/// <summary>The SQLite touch log against the conformance suite every store passes.</summary>
public sealed class SqliteFollowUpStoreConformanceTests : FollowUpStoreConformance, IDisposable
{
    private readonly ConformanceFile _file = new();

    protected override ValueTask<IFollowUpStore> OpenAsync() => ValueTask.FromResult(_file.Open().CreateFollowUpStore());

    protected override ValueTask CloseAsync() => _file.CloseAsync();

    public void Dispose() => _file.Dispose();
}

/// <summary>The SQLite sink against the conformance suite every store's sink passes; what it keeps is read with <see cref="SqliteLeadDatabase.ReadLeadsAsync"/>.</summary>
public sealed class SqliteLeadSinkConformanceTests : LeadSinkConformance, IDisposable
{
    private readonly ConformanceFile _file = new();

    protected override ValueTask<IProfileChangeSink> OpenAsync() => ValueTask.FromResult((IProfileChangeSink)_file.Open().CreateSink());

    protected override async ValueTask<IReadOnlyList<StoredLeadView>> ReadAsync() =>
        [.. (await _file.Database.ReadLeadsAsync().ToListAsync()).Select(s => new StoredLeadView(s.Lead, s.ProfileId, s.Outcome, s.DoNotContact))];

    protected override ValueTask CloseAsync() => _file.CloseAsync();

    public void Dispose() => _file.Dispose();
}

/// <summary>The SQLite identity store against the conformance suite every de-duplication store passes; reopening opens the file again.</summary>
public sealed class SqliteLeadDeduplicationStoreConformanceTests : LeadDeduplicationStoreConformance, IDisposable
{
    private readonly ConformanceFile _file = new();

    protected override ValueTask<MarketplaceLeads.Deduplication.ILeadDeduplicationStore> OpenAsync() => ValueTask.FromResult(_file.Open().CreateDeduplicationStore(Rules));

    protected override ValueTask CloseAsync() => _file.CloseAsync();

    public void Dispose() => _file.Dispose();
}

/// <summary>A conformance test's database file: opened, closed and opened again on the same file, deleted at the end.</summary>
internal sealed class ConformanceFile : IDisposable
{
    private readonly SqliteTestDatabase _file = new();
    private SqliteLeadDatabase? _database;

    public SqliteLeadDatabase Database => _database ?? throw new InvalidOperationException("Not open.");

    public SqliteLeadDatabase Open() => _database = _file.Open(SqliteDurability.Normal);

    public async ValueTask CloseAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
    }

    public void Dispose() => _file.Dispose();
}
