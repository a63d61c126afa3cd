using System.Security.Cryptography;

namespace Lem.Server.Api;

/// <summary>
/// Who an <c>Authorization</c> header speaks for: the one parsing of the bearer key shared by authentication and the rate
/// limiter, so that two headers that authenticate as the same caller are the same caller everywhere (docs/server-limits.md).
/// </summary>
internal static class Credentials
{
    /// <summary>The scheme prefix, as sent by clients (case-sensitive, one space; extra whitespace around the key is ignored).</summary>
    public const string BearerPrefix = "Bearer ";

    /// <summary>
    /// The caller behind <paramref name="authorizationHeader"/>: <see cref="Principal.Anonymous"/> without a header, the
    /// operator or the registered participant whose key it carries, or null when it carries no valid key (401).
    /// </summary>
    public static Principal? Resolve(string authorizationHeader, ServerServices services)
    {
        ArgumentNullException.ThrowIfNull(authorizationHeader);
        ArgumentNullException.ThrowIfNull(services);
        if (authorizationHeader.Length == 0)
        {
            return Principal.Anonymous;
        }

        if (!authorizationHeader.StartsWith(BearerPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = MarketEngine.HashKey(authorizationHeader[BearerPrefix.Length..].Trim());
        if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash), Encoding.ASCII.GetBytes(services.OperatorKeySha256Hex)))
        {
            return new Principal("operator", Role.Operator, null);
        }

        return services.Engine.Authenticate(hash);
    }
}
