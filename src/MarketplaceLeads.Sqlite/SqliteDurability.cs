namespace MarketplaceLeads.Sqlite;

/// <summary>How hard SQLite works to keep a committed write (SQLite's <c>synchronous</c> setting, with write-ahead logging).</summary>
public enum SqliteDurability
{
    /// <summary>Every commit is flushed to disk (<c>synchronous=FULL</c>): an accepted lead survives a process crash and a power loss. The default.</summary>
    Full = 0,

    /// <summary>Commits are flushed at checkpoints (<c>synchronous=NORMAL</c>): an accepted lead survives a process crash, but the last commits can be lost on a power loss. Much faster for bulk imports.</summary>
    Normal = 1,
}
