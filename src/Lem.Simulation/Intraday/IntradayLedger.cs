namespace Lem.Simulation.Intraday;

/// <summary>Collects intraday trades into an <see cref="IntradayOutcome"/>: energy in kWh at prices in EUR/MWh, rounded as the settlement rounds (1e-6).</summary>
/// <param name="horizon">The day's horizon.</param>
internal sealed class IntradayLedger(Horizon horizon)
{
    private readonly Dictionary<ParticipantId, double[]> _kw = [];
    private readonly Dictionary<ParticipantId, decimal> _eur = [];
    private int _trades;

    /// <summary>Books one trade of <paramref name="kwh"/> from <paramref name="seller"/> to <paramref name="buyer"/> in <paramref name="slot"/>.</summary>
    public void Add(ParticipantId buyer, ParticipantId seller, int slot, double kwh, double priceEurPerMwh)
    {
        var amount = Math.Round((decimal)kwh, 6) * Math.Round((decimal)priceEurPerMwh, 6) / 1000m;
        Book(seller, slot, kwh, -amount);
        Book(buyer, slot, -kwh, amount);
        _trades++;
    }

    /// <summary>The outcome.</summary>
    public IntradayOutcome ToOutcome() => new(_kw, _eur, _trades);

    private void Book(ParticipantId who, int slot, double kwh, decimal eur)
    {
        if (!_kw.TryGetValue(who, out var q))
        {
            _kw[who] = q = new double[horizon.Count];
            _eur[who] = 0m;
        }

        q[slot] += kwh / horizon.SlotHours;
        _eur[who] += eur;
    }
}
