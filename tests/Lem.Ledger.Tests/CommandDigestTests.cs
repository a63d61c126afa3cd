using System.Security.Cryptography;
using System.Text;

namespace Lem.Ledger.Tests;

public sealed class CommandDigestTests
{
    [Fact]
    public void Compute_IsSha256OfTheHandWrittenCanonicalRow()
    {
        const string payload = "{\"quantity_kwh\":7,\"client_order_id\":\"a-3\"}";
        var digest = CommandDigest.Compute(5, "2026-03-01T08:00:00.0000000Z", "submit_order", payload);

        // Members sorted, the payload a JSON string with its quotes escaped, no whitespace.
        var row = "{\"kind\":\"submit_order\",\"payload\":\"{\\\"quantity_kwh\\\":7,\\\"client_order_id\\\":\\\"a-3\\\"}\",\"sequence\":5,\"time\":\"2026-03-01T08:00:00.0000000Z\"}";
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(row))), digest);
    }

    [Fact]
    public void Compute_ChangesWithEveryField_AndWithTheExactPayloadBytes()
    {
        const string time = "2026-03-01T08:00:00.0000000Z";
        var digest = CommandDigest.Compute(5, time, "submit_order", "{\"quantity_kwh\":7}");
        Assert.NotEqual(digest, CommandDigest.Compute(6, time, "submit_order", "{\"quantity_kwh\":7}"));
        Assert.NotEqual(digest, CommandDigest.Compute(5, "2026-03-01T08:00:00.0000001Z", "submit_order", "{\"quantity_kwh\":7}"));
        Assert.NotEqual(digest, CommandDigest.Compute(5, time, "amend_order", "{\"quantity_kwh\":7}"));
        Assert.NotEqual(digest, CommandDigest.Compute(5, time, "submit_order", "{\"quantity_kwh\":999}"));

        // The same JSON value written differently is a different stored row.
        Assert.NotEqual(digest, CommandDigest.Compute(5, time, "submit_order", "{\"quantity_kwh\":7.0}"));
        Assert.NotEqual(digest, CommandDigest.Compute(5, time, "submit_order", "{ \"quantity_kwh\":7}"));
    }
}
