using System;
using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace MarketplaceLeads.Internal;

/// <summary>
/// Builds a <see cref="LeadId"/>: XXH128 (seed 0) over a domain tag and length-prefixed UTF-8
/// fields (length -1 for <see langword="null"/>). The encoding is injective, so different field
/// lists never produce the same input to the hash. XXH128 is a fixed, documented algorithm, so ids
/// are stable across versions and platforms; it is not cryptographic (see <see cref="LeadId"/>).
/// </summary>
/// <remarks>
/// The input is built in the buffer the caller gives (on its stack: a typical lead fits in 1 KiB), and moves to a pooled
/// array only when it outgrows it.
/// </remarks>
internal ref struct LeadIdBuilder
{
    /// <summary>The size of the stack buffer callers give.</summary>
    public const int StackBufferBytes = 1024;

    private Span<byte> _buffer;
    private byte[]? _rented;
    private int _length;

    public LeadIdBuilder(string domain, Span<byte> buffer)
    {
        _buffer = buffer;
        _rented = null;
        _length = 0;
        Add(domain);
    }

    public void Add(string? value)
    {
        if (value is null)
        {
            Reserve(4);
            BinaryPrimitives.WriteInt32LittleEndian(_buffer[_length..], -1);
            _length += 4;
            return;
        }

        Reserve(4 + Encoding.UTF8.GetMaxByteCount(value.Length));
        var written = Encoding.UTF8.GetBytes(value, _buffer[(_length + 4)..]);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer[_length..], written);
        _length += 4 + written;
    }

    /// <summary>Adds a text given as its UTF-8 bytes: the same as <see cref="Add(string?)"/> of the text they encode, when they are valid UTF-8.</summary>
    /// <param name="utf8">The text's UTF-8 bytes.</param>
    public void AddUtf8(ReadOnlySpan<byte> utf8)
    {
        Reserve(4 + utf8.Length);
        BinaryPrimitives.WriteInt32LittleEndian(_buffer[_length..], utf8.Length);
        utf8.CopyTo(_buffer[(_length + 4)..]);
        _length += 4 + utf8.Length;
    }

    public LeadId ToLeadId()
    {
        var hash = XxHash128.HashToUInt128(_buffer[.._length]);
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
            _rented = null;
        }

        _buffer = default;
        return LeadId.FromHash(hash);
    }

    private void Reserve(int needed)
    {
        if (_length + needed > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + needed));
            _buffer[.._length].CopyTo(larger);
            if (_rented is not null)
            {
                ArrayPool<byte>.Shared.Return(_rented);
            }

            _rented = larger;
            _buffer = larger;
        }
    }
}
