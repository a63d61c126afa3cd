namespace Lem.Settlement.Billing;

/// <summary>The running totals of one billed participant while its invoice is built (exact decimals).</summary>
internal sealed class SettlementAccount(BilledParticipant participant, int slots)
{
    public BilledParticipant Participant { get; } = participant;

    /// <summary>Scheduled net energy per slot, kWh (injection positive).</summary>
    public decimal[] ScheduledKwh { get; } = new decimal[slots];

    /// <summary>Physical net energy per slot: metered where metered, else scheduled, kWh.</summary>
    public decimal[] PhysicalKwh { get; } = new decimal[slots];

    /// <summary>Whether the slot was metered.</summary>
    public bool[] Metered { get; } = new bool[slots];

    /// <summary>Position price per slot, EUR/MWh.</summary>
    public decimal[] PriceEurPerMwh { get; } = new decimal[slots];

    /// <summary>Exact energy amount per slot (positive owed), EUR.</summary>
    public decimal[] EnergyEur { get; } = new decimal[slots];

    /// <summary>Exact imbalance amount per slot (positive owed), EUR.</summary>
    public decimal[] ImbalanceEur { get; } = new decimal[slots];

    /// <summary>The number of bilateral trades the participant is a party to, per slot.</summary>
    public int[] TradeCount { get; } = new int[slots];

    /// <summary>Energy bought from members in the schedule per slot (locally matched withdrawal), kWh.</summary>
    public decimal[] LocalBoughtKwh { get; } = new decimal[slots];

    /// <summary>Energy-line accumulators by line code: quantity kWh and exact amount EUR.</summary>
    public Dictionary<string, (decimal Kwh, decimal Eur)> Energy { get; } = new(StringComparer.Ordinal);

    /// <summary>Energy traded between members that this participant bears a distance charge on, kWh.</summary>
    public decimal DistanceKwh { get; set; }

    /// <summary>Exact distance charge, EUR.</summary>
    public decimal DistanceEur { get; set; }

    /// <summary>Energy bought plus energy sold in the market, kWh (the operator-fee base).</summary>
    public decimal TradedKwh { get; set; }

    /// <summary>The physical withdrawal of a slot, kWh (≥ 0).</summary>
    public decimal WithdrawalKwh(int t) => Math.Max(0m, -PhysicalKwh[t]);

    /// <summary>The physical injection of a slot, kWh (≥ 0).</summary>
    public decimal InjectionKwh(int t) => Math.Max(0m, PhysicalKwh[t]);

    /// <summary>Adds energy to an energy line.</summary>
    public void AddEnergy(string code, decimal kwh, decimal eur)
    {
        Energy.TryGetValue(code, out var sum);
        Energy[code] = (sum.Kwh + kwh, sum.Eur + eur);
    }
}
