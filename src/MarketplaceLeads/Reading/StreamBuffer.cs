using System;
using System.Buffers;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace MarketplaceLeads.Reading;

/// <summary>
/// The read buffer of the streaming readers: a pooled array holding the bytes not yet consumed,
/// refilled block by block. It grows only while one record does not fit, so memory stays bounded
/// by the largest record the reader accepts plus one block.
/// </summary>
internal sealed class StreamBuffer : IDisposable
{
    private byte[] _buffer;

    public StreamBuffer(int blockSize)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(blockSize);
    }

    /// <summary>Gets the absolute offset (from the start of the stream) of <see cref="Data"/>'s first byte.</summary>
    public long Offset { get; private set; }

    /// <summary>Gets the number of bytes held.</summary>
    public int Length { get; private set; }

    /// <summary>Gets the bytes read from the stream so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>Gets a value indicating whether the stream has ended.</summary>
    public bool Eof { get; private set; }

    /// <summary>Gets the bytes held.</summary>
    public ReadOnlySpan<byte> Data => _buffer.AsSpan(0, Length);

    /// <summary>Gets the backing array (for callers that must keep bytes across an <c>await</c>).</summary>
    public byte[] Array => _buffer;

    /// <summary>Drops the bytes before <paramref name="keep"/>; callers subtract <paramref name="keep"/> from their own indices.</summary>
    public void Discard(int keep)
    {
        if (keep <= 0)
        {
            return;
        }

        _buffer.AsSpan(keep, Length - keep).CopyTo(_buffer);
        Offset += keep;
        Length -= keep;
    }

    /// <summary>Reads the next block, growing the buffer first when it is full.</summary>
    public async ValueTask FillAsync(Stream stream, CancellationToken cancellationToken)
    {
        if (Length == _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
            _buffer.AsSpan(0, Length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = await stream.ReadAsync(_buffer.AsMemory(Length), cancellationToken).ConfigureAwait(false);
        Length += read;
        BytesRead += read;
        Eof = read == 0;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
