using Lem.Markets.Preferences;

namespace Lem.Markets.Pool;

/// <summary>
/// Multi-class energy in the pool (docs/mechanisms/pool.md#preferences-multi-class-energy): per slot and pair of a buyer i
/// with a premium π_is for seller s, a variable z_ist ≥ 0 (MW) of s's energy labelled for i, bounded by i's net
/// consumption (Σ_s z_ist ≤ −x_it) and s's net supply (Σ_i z_ist ≤ x_st), worth π_is·z_ist·Δt in the objective. Only
/// pure buyers (nothing that can supply in the slot, no offer) and pure sellers (renewable assets only, no bid) take
/// part, so that no labelled round trip exists and the model stays an LP.
/// </summary>
internal sealed class PreferenceModel
{
    private readonly PreferencePremiums _premiums;
    private readonly HashSet<string>[] _pureBuyers;
    private readonly HashSet<string>[] _pureSellers;
    private readonly List<(string Seller, int Slot, Constraint Row, List<Variable> Labels)> _supplyRows = [];
    private readonly bool[] _active;

    private PreferenceModel(MarketInput market)
    {
        _premiums = PreferencePremiums.Build(market);
        var horizon = market.Horizon;
        var n = horizon.Count;
        _active = new bool[n];
        _pureBuyers = [.. Enumerable.Range(0, n).Select(_ => new HashSet<string>(StringComparer.Ordinal))];
        _pureSellers = [.. Enumerable.Range(0, n).Select(_ => new HashSet<string>(StringComparer.Ordinal))];
        foreach (var p in market.Participants.Where(p => p.Assets.Count > 0 || p.Orders.Count > 0))
        {
            var check = new ImportCheck(n);
            foreach (var a in p.Assets)
            {
                AssetKinds.Of(a).AddToImportCheck(a, p.Id, horizon, check);
            }

            var renewableOnly = p.Assets.All(a => AssetKinds.Of(a).Renewable);
            for (var t = 0; t < n; t++)
            {
                var slot = t;
                if (check.SupplyKw[t] <= 0 && !p.Orders.Any(o => o.SlotIndex == slot && o.Side == OrderSide.Sell))
                {
                    _pureBuyers[t].Add(p.Id.ToString());
                }

                if (renewableOnly && !p.Orders.Any(o => o.SlotIndex == slot && o.Side == OrderSide.Buy))
                {
                    _pureSellers[t].Add(p.Id.ToString());
                }
            }
        }
    }

    /// <summary>The model for a market whose participants declare preferences, else null.</summary>
    public static PreferenceModel? For(MarketInput market) => PreferencePremiums.Declared(market) ? new PreferenceModel(market) : null;

    /// <summary>Whether slot <paramref name="slot"/> has labelled energy variables (the tie rules then leave it alone).</summary>
    public bool Active(int slot) => _active[slot];

    /// <summary>
    /// Adds the label variables, the consumption and supply bounds and the premiums to the model; <paramref name="net"/>
    /// holds each participant's net injection per slot (MW), as the pool collected it from what its parts add to its bus.
    /// </summary>
    public void Build(PoolBuildContext c, IReadOnlyDictionary<ParticipantId, LinearExpression[]> net)
    {
        var injection = net.ToDictionary(x => x.Key.ToString(), x => x.Value, StringComparer.Ordinal);
        for (var t = 0; t < c.SlotCount; t++)
        {
            var bought = new Dictionary<string, LinearExpression>(StringComparer.Ordinal);
            var sold = new Dictionary<string, (LinearExpression Sum, List<Variable> Labels)>(StringComparer.Ordinal);
            foreach (var (buyer, seller, premium) in _premiums.Pairs)
            {
                if (!_pureBuyers[t].Contains(buyer) || !_pureSellers[t].Contains(seller) || !injection.ContainsKey(buyer) || !injection.ContainsKey(seller))
                {
                    continue;
                }

                var z = c.Model.AddVariable(0, double.PositiveInfinity, $"label[{buyer},{seller},{t}]");
                c.Cost[t].Add(z, -premium * c.Hours);
                (bought.TryGetValue(buyer, out var b) ? b : bought[buyer] = new LinearExpression()).Add(z, 1.0);
                if (!sold.TryGetValue(seller, out var s))
                {
                    s = sold[seller] = (new LinearExpression(), []);
                }

                s.Sum.Add(z, 1.0);
                s.Labels.Add(z);
                _active[t] = true;
            }

            foreach (var (buyer, labels) in bought)
            {
                c.Model.AddLessOrEqual(labels.Add(injection[buyer][t]), 0.0, $"labelled_purchase[{buyer},{t}]");
            }

            foreach (var (seller, (sum, labels)) in sold)
            {
                var row = c.Model.AddLessOrEqual(sum.Add(injection[seller][t], -1.0), 0.0, $"labelled_supply[{seller},{t}]");
                _supplyRows.Add((seller, t, row, labels));
            }
        }
    }

    /// <summary>Each seller's labelled energy and premium price per slot (the supply bound's dual, EUR/MWh).</summary>
    public IReadOnlyList<PremiumPrice> Prices(Solution solution, double hours) =>
        [.. _supplyRows.Select(r => new PremiumPrice(
            r.Seller,
            r.Slot,
            r.Labels.Sum(z => solution.Values[z.Index]) * 1000.0 * hours,
            solution.Duals.Count > r.Row.Index ? Math.Abs(solution.Duals[r.Row.Index]) / hours : double.NaN))];
}
