using System.Globalization;
using System.Text.Json;
using Lem.Testing;

namespace Lem.Cli.Tests;

/// <summary>
/// The README's <c>lem auction examples/auction/orders.csv</c>: the shipped sample clears, and its prices and volumes
/// match a naive unit-by-unit computation from the file (docs/auction-orders.md, docs/mechanisms/auctions.md).
/// </summary>
public sealed class AuctionExampleTests
{
    private static readonly string OrdersPath = RepoPaths.InRepo("examples", "auction", "orders.csv");

    /// <summary>The expected outcome of one slot: the price (null when nothing trades), the volume and the welfare.</summary>
    private sealed record Expected(double? Price, int VolumeKwh, double WelfareEur);

    /// <summary>
    /// Reads the sample with plain string splitting, expands every step into 1 kWh units and computes, per slot,
    /// K = max{k : b_(k) ≥ s_(k)}, [p_low, p_high] = [max(s_K, b_(K+1)), min(b_K, s_(K+1))] and the price of the
    /// mechanism: the k-double auction's midpoint, or McAfee's p0 = (b_(K+1) + s_(K+1)) / 2 when s_K ≤ p0 ≤ b_K.
    /// </summary>
    private static Dictionary<int, Expected> Reference(string mechanism)
    {
        var lines = File.ReadAllLines(OrdersPath).Where(l => l.Length > 0).ToList();
        var header = lines[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var bids = new Dictionary<int, List<double>>();
        var asks = new Dictionary<int, List<double>>();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var slot = int.Parse(cells[Col("slot")], CultureInfo.InvariantCulture);
            var price = double.Parse(cells[Col("price_eur_per_mwh")], CultureInfo.InvariantCulture);
            var units = int.Parse(cells[Col("quantity_kwh")], CultureInfo.InvariantCulture);
            var side = cells[Col("side")] == "buy" ? bids : asks;
            if (!side.TryGetValue(slot, out var list))
            {
                side[slot] = list = [];
                (side == bids ? asks : bids).TryAdd(slot, []);
            }

            list.AddRange(Enumerable.Repeat(price, units));
        }

        var result = new Dictionary<int, Expected>();
        foreach (var slot in bids.Keys)
        {
            var b = bids[slot].OrderByDescending(p => p).ToList();
            var s = asks[slot].OrderBy(p => p).ToList();
            var k = 0;
            while (k < Math.Min(b.Count, s.Count) && b[k] >= s[k])
            {
                k++;
            }

            if (k == 0)
            {
                result[slot] = new Expected(null, 0, 0);
                continue;
            }

            var nextBid = k < b.Count ? b[k] : double.NegativeInfinity;
            var nextAsk = k < s.Count ? s[k] : double.PositiveInfinity;
            var low = Math.Max(s[k - 1], nextBid);
            var high = Math.Min(b[k - 1], nextAsk);
            var welfare = Enumerable.Range(0, k).Sum(i => (b[i] - s[i]) / 1000);
            if (mechanism == "uniform")
            {
                result[slot] = new Expected(low + (0.5 * (high - low)), k, welfare);
            }
            else
            {
                var p0 = (nextBid + nextAsk) / 2;
                Assert.True(s[k - 1] <= p0 && p0 <= b[k - 1], "the sample is meant to show McAfee's no-reduction case");
                result[slot] = new Expected(p0, k, welfare);
            }
        }

        return result;
    }

    [Theory]
    [InlineData("uniform")]
    [InlineData("mcafee")]
    public void Auction_ShippedSample_PricesAndVolumesMatchANaiveUnitComputation(string mechanism)
    {
        var expected = Reference(mechanism);
        Assert.Equal(3, expected.Count);
        Assert.Contains(expected.Values, e => e.Price is null);

        var (exit, output, err) = CliRunner.Run("auction", OrdersPath, "--mechanism", mechanism, "--format", "json");

        Assert.True(exit == 0, output + err);
        using var doc = JsonDocument.Parse(output);
        var slots = doc.RootElement.GetProperty("slots").EnumerateArray().ToDictionary(e => e.GetProperty("slot").GetInt32());
        Assert.Equal(expected.Keys.Order(), slots.Keys.Order());
        foreach (var (slot, e) in expected)
        {
            var price = slots[slot].GetProperty("clearing_price");
            if (e.Price is null)
            {
                Assert.Equal(JsonValueKind.Null, price.ValueKind);
            }
            else
            {
                Assert.Equal(e.Price.Value, price.GetDouble(), 9);
            }

            Assert.Equal(e.VolumeKwh, slots[slot].GetProperty("traded_volume_kwh").GetDouble(), 9);
        }

        Assert.Equal(expected.Values.Sum(e => e.WelfareEur), (double)doc.RootElement.GetProperty("welfare").GetDecimal(), 9);
    }
}
