namespace Lem.Ledger;

/// <summary>Strict base64 decoding: only the canonical form (padded, no whitespace, zero pad bits) is accepted.</summary>
internal static class Base64
{
    /// <summary>Decodes <paramref name="text"/> when it is exactly what <see cref="Convert.ToBase64String(byte[])"/> writes for some bytes.</summary>
    public static bool TryDecodeCanonical(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }

        try
        {
            var decoded = Convert.FromBase64String(text);
            if (!string.Equals(Convert.ToBase64String(decoded), text, StringComparison.Ordinal))
            {
                return false;
            }

            bytes = decoded;
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
