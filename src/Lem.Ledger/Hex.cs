namespace Lem.Ledger;

/// <summary>Lower-case hexadecimal, the form the ledger stores hashes in.</summary>
internal static class Hex
{
    /// <summary>Lower-case hex of <paramref name="bytes"/>.</summary>
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>Decodes lower-case hex of exactly <paramref name="length"/> bytes; anything else (upper case, odd length) is refused.</summary>
    public static bool TryDecode(string? text, int length, out byte[] bytes)
    {
        bytes = [];
        if (text is null || text.Length != 2 * length)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            {
                return false;
            }
        }

        bytes = Convert.FromHexString(text);
        return true;
    }
}
