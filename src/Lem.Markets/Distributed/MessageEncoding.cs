namespace Lem.Markets.Distributed;

/// <summary>
/// The fixed wire encoding used to count bytes: a header of <see cref="HeaderBytes"/> (sender index, receiver index,
/// iteration and message kind, 4 bytes each), every number as an IEEE double of <see cref="ValueBytes"/> and every
/// index as a 32-bit integer of <see cref="IndexBytes"/>. Agent ids travel once at registration, not per message.
/// </summary>
public static class MessageEncoding
{
    /// <summary>Bytes of the header of every message.</summary>
    public const int HeaderBytes = 16;

    /// <summary>Bytes of one number (a trade, price, residual term or ρ).</summary>
    public const int ValueBytes = 8;

    /// <summary>Bytes of one index (partner or slot).</summary>
    public const int IndexBytes = 4;

    /// <summary>The encoded size of a message with the given numbers of values and indices.</summary>
    public static int Bytes(int values, int indices) => HeaderBytes + (ValueBytes * values) + (IndexBytes * indices);
}
