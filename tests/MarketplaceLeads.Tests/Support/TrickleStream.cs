using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Tests.Support;

/// <summary>A read-only stream that returns at most a given number of bytes per read, to exercise buffer boundaries.</summary>
public sealed class TrickleStream : Stream
{
    private readonly byte[] _data;
    private readonly int _maxRead;
    private int _position;

    public TrickleStream(byte[] data, int maxRead)
    {
        _data = data;
        _maxRead = maxRead;
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

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = Math.Min(Math.Min(buffer.Length, _maxRead), _data.Length - _position);
        _data.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
