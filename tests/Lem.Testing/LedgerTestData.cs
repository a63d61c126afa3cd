using System.Text.Json.Nodes;

using Lem.Ledger;

namespace Lem.Testing;

/// <summary>Reproducible random ledgers for the tests.</summary>
public static class LedgerTestData
{
    /// <summary>The first entry's time.</summary>
    public static readonly DateTimeOffset Start = new(2026, 6, 21, 8, 0, 0, TimeSpan.Zero);

    private static readonly string[] Kinds = ["order.accepted", "order.cancelled", "bid.committed", "bid.revealed", "gate.cleared"];

    /// <summary>A random command payload.</summary>
    public static JsonNode Payload(Random random, int i) => new JsonObject
    {
        ["order_id"] = $"o-{i}",
        ["participant"] = $"p{random.Next(20)}",
        ["side"] = random.Next(2) == 0 ? "buy" : "sell",
        ["price_eur_per_mwh"] = Math.Round(random.NextDouble() * 200 - 50, 2),
        ["quantity_kwh"] = random.Next(1, 500),
        ["slot"] = random.Next(96),
        ["note"] = random.Next(10) == 0 ? "caf\u00e9 \u20ac \"quoted\"\n" : null,
    };

    /// <summary>A signed chain of <paramref name="count"/> random entries.</summary>
    public static List<LedgerEntry> Chain(int count, Ed25519KeyPair key, int seed)
    {
        var random = new Random(seed);
        var entries = new List<LedgerEntry>(count);
        LedgerEntry? last = null;
        for (var i = 0; i < count; i++)
        {
            last = LedgerChain.Append(last, Kinds[random.Next(Kinds.Length)], Payload(random, i), Start.AddMilliseconds(i * 1234.5678), key);
            entries.Add(last);
        }

        return entries;
    }
}
