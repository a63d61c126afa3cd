using System.Text.Json.Nodes;

namespace Lem.Ledger;

/// <summary>
/// Ed25519 signatures over the canonical JSON (RFC 8785) of a document, e.g. a participant's order: the signer and the
/// server agree on the signed bytes whatever whitespace or member order the order travelled in. Signatures are base64.
/// </summary>
public static class CanonicalSignature
{
    /// <summary>Signs the canonical bytes of <paramref name="document"/>; returns the signature in base64.</summary>
    public static string Sign(JsonNode document, Ed25519KeyPair key)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToBase64String(key.Sign(CanonicalJson.Serialize(document)));
    }

    /// <summary>
    /// True when <paramref name="signatureBase64"/> is a valid signature of the canonical bytes of
    /// <paramref name="document"/> under <paramref name="publicKeyBase64"/>. Malformed keys or signatures, and documents
    /// with no canonical form, give false.
    /// </summary>
    public static bool Verify(JsonNode document, string publicKeyBase64, string signatureBase64)
    {
        ArgumentNullException.ThrowIfNull(document);
        byte[] message;
        try
        {
            message = CanonicalJson.Serialize(document);
        }
        catch (ArgumentException)
        {
            return false;
        }

        return Ed25519.VerifyBase64(publicKeyBase64, message, signatureBase64);
    }
}
