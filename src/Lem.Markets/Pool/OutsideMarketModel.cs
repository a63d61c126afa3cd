namespace Lem.Markets.Pool;

/// <summary>
/// The outside market at the point of common coupling: import m ∈ [0, import limit] at the wholesale import price,
/// export x ∈ [0, export limit] at the wholesale export price, and (when the formulation balances reactive power) a
/// free reactive exchange.
/// </summary>
internal sealed class OutsideMarketModel(OutsideMarket market, int bus)
{
    private Variable[] _import = [];
    private Variable[] _export = [];

    public int Bus { get; } = bus;

    public void Build(PoolBuildContext c)
    {
        var n = c.SlotCount;
        _import = new Variable[n];
        _export = new Variable[n];
        var importMax = market.ImportLimit?.Mw ?? double.PositiveInfinity;
        var exportMax = market.ExportLimit?.Mw ?? double.PositiveInfinity;
        for (var t = 0; t < n; t++)
        {
            var m = c.Model.AddVariable(0, importMax, $"import[{t}]");
            var x = c.Model.AddVariable(0, exportMax, $"export[{t}]");
            _import[t] = m;
            _export[t] = x;
            c.P[t][Bus].Add(m, 1.0).Add(x, -1.0);
            c.Cost[t].Add(m, market.WholesaleImportEurPerMwh[t] * c.Hours).Add(x, -market.WholesaleExportEurPerMwh[t] * c.Hours);
            if (c.Reactive)
            {
                var q = c.Model.AddVariable(double.NegativeInfinity, double.PositiveInfinity, $"import_q[{t}]");
                c.Q[t][Bus].Add(q, 1.0);
            }
        }
    }

    public void AddMeritSteps(int slot, MeritBook book, double hours)
    {
        var m = _import[slot];
        var x = _export[slot];
        book.AddOffer(market.WholesaleImportEurPerMwh[slot], (market.ImportLimit?.Mw ?? double.PositiveInfinity) * hours, e => (m.Index, e / hours));
        book.AddBid(market.WholesaleExportEurPerMwh[slot], (market.ExportLimit?.Mw ?? double.PositiveInfinity) * hours, e => (x.Index, e / hours));
    }

    /// <summary>Nets simultaneous import and export in every slot (an exchange with itself, never worth anything).</summary>
    public void Net(double[] values)
    {
        for (var t = 0; t < _import.Length; t++)
        {
            var both = Math.Min(values[_import[t].Index], values[_export[t].Index]);
            if (both > 0)
            {
                values[_import[t].Index] -= both;
                values[_export[t].Index] -= both;
            }
        }
    }

    /// <summary>The import in a slot, MW.</summary>
    public double ImportMw(double[] values, int slot) => values[_import[slot].Index];

    /// <summary>The export in a slot, MW.</summary>
    public double ExportMw(double[] values, int slot) => values[_export[slot].Index];
}
