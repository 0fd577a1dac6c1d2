using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Testing.Fuzzing;

/// <summary>
/// A read-only stream over bytes that returns a random number of bytes (1 to a maximum, seeded) per read, so that
/// records, escapes and multi-byte characters straddle buffer boundaries. Reads complete synchronously, so a streaming
/// reader can be driven on the calling thread (see <see cref="Collect"/>).
/// </summary>
internal sealed class RandomChunkStream : Stream
{
    private readonly byte[] _data;
    private readonly FuzzRandom _random;
    private readonly int _maxRead;
    private int _position;

    public RandomChunkStream(byte[] data, ulong seed, int maxRead)
    {
        _data = data;
        _random = new FuzzRandom(seed);
        _maxRead = Math.Max(1, maxRead);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>Drives an async sequence whose awaits complete synchronously (a reader over this stream) to its end on this thread.</summary>
    public static List<T> Collect<T>(IAsyncEnumerable<T> sequence)
    {
        var items = new List<T>();
        var enumerator = sequence.GetAsyncEnumerator();
        try
        {
            while (Wait(enumerator.MoveNextAsync()))
            {
                items.Add(enumerator.Current);
            }
        }
        finally
        {
            var disposed = enumerator.DisposeAsync();
            if (!disposed.IsCompleted)
            {
                disposed.AsTask().GetAwaiter().GetResult();
            }
        }

        return items;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = Math.Min(Math.Min(buffer.Length, _random.Next(1, _maxRead + 1)), _data.Length - _position);
        _data.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private static bool Wait(ValueTask<bool> task) => task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();
}
