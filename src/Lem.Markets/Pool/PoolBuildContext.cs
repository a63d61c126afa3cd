namespace Lem.Markets.Pool;

/// <summary>
/// What the parts of a pool model share while it is built: the model, the net injection of every bus in every slot
/// (active in MW, reactive in Mvar, injection positive), the objective of every slot (EUR) and the build mode.
/// </summary>
internal sealed class PoolBuildContext
{
    public PoolBuildContext(OptimizationModel model, Horizon horizon, int busCount, double loadTanPhi, bool reactive, bool elastic, IReadOnlySet<AssetId> binaryStorages)
    {
        Model = model;
        Horizon = horizon;
        SlotCount = horizon.Count;
        Hours = horizon.SlotHours;
        LoadTanPhi = loadTanPhi;
        Reactive = reactive;
        Elastic = elastic;
        BinaryStorages = binaryStorages;
        P = new LinearExpression[SlotCount][];
        Q = new LinearExpression[SlotCount][];
        Cost = new LinearExpression[SlotCount];
        for (var t = 0; t < SlotCount; t++)
        {
            P[t] = new LinearExpression[busCount];
            Q[t] = new LinearExpression[busCount];
            for (var b = 0; b < busCount; b++)
            {
                P[t][b] = new LinearExpression();
                Q[t][b] = new LinearExpression();
            }

            Cost[t] = new LinearExpression();
        }
    }

    public OptimizationModel Model { get; }

    public Horizon Horizon { get; }

    public int SlotCount { get; }

    /// <summary>The slot length Δt in hours: energy = power × Δt.</summary>
    public double Hours { get; }

    /// <summary>tan(acos(pf)) of loads: Q = P·tanφ.</summary>
    public double LoadTanPhi { get; }

    /// <summary>Whether the formulation balances reactive power (it has voltages), so Q expressions matter.</summary>
    public bool Reactive { get; }

    /// <summary>Whether requirements are soft with penalised slacks (the diagnostic re-solve of an infeasible clearing).</summary>
    public bool Elastic { get; }

    /// <summary>Storages that get binaries against simultaneous charging and discharging.</summary>
    public IReadOnlySet<AssetId> BinaryStorages { get; }

    /// <summary>Active net injection per slot and solver bus, MW.</summary>
    public LinearExpression[][] P { get; }

    /// <summary>Reactive net injection per slot and solver bus, Mvar.</summary>
    public LinearExpression[][] Q { get; }

    /// <summary>The objective (cost − utility, EUR) of each slot; the model minimises their sum.</summary>
    public LinearExpression[] Cost { get; }

    /// <summary>The diagnostic objective: penalised slacks (elastic mode only).</summary>
    public LinearExpression SlackCost { get; } = new();

    /// <summary>The tariff charges of a tariff-aware clearing (EUR, docs/mechanisms/pool.md#tariff-aware-clearing): minimised, not part of any slot's welfare.</summary>
    public LinearExpression TariffCost { get; } = new();

    /// <summary>The number of binaries added.</summary>
    public int Binaries { get; set; }

    /// <summary>Adds a load's withdrawal: −p to the active injection and −p·tanφ to the reactive one.</summary>
    public void AddLoad(int slot, int bus, Variable power, double coefficient = 1.0)
    {
        P[slot][bus].Add(power, -coefficient);
        if (Reactive)
        {
            Q[slot][bus].Add(power, -coefficient * LoadTanPhi);
        }
    }

    /// <summary>Adds a fixed load of <paramref name="mw"/>: a constant withdrawal of active and reactive power.</summary>
    public void AddFixedLoad(int slot, int bus, double mw)
    {
        P[slot][bus].AddConstant(-mw);
        if (Reactive)
        {
            Q[slot][bus].AddConstant(-mw * LoadTanPhi);
        }
    }

    /// <summary>Where the active injection of <paramref name="bus"/> stands in every slot (term count and constant), for <see cref="AddActiveSince"/>.</summary>
    public (int Count, double Constant)[] MarkActive(int bus) => [.. P.Select(slot => (slot[bus].Count, slot[bus].Constant))];

    /// <summary>Adds to <paramref name="into"/>[t] what was added to the active injection of <paramref name="bus"/> since <paramref name="mark"/>.</summary>
    public void AddActiveSince(int bus, (int Count, double Constant)[] mark, LinearExpression[] into)
    {
        for (var t = 0; t < SlotCount; t++)
        {
            var e = P[t][bus];
            for (var i = mark[t].Count; i < e.Count; i++)
            {
                into[t].Add(new Variable(e.Indices[i]), e.Coefficients[i]);
            }

            into[t].AddConstant(e.Constant - mark[t].Constant);
        }
    }

    /// <summary>A slack variable ≥ 0 that costs <paramref name="penalty"/> per unit in the diagnostic objective.</summary>
    public Variable AddSlack(double penalty, string name)
    {
        var s = Model.AddVariable(0, double.PositiveInfinity, name);
        SlackCost.Add(s, penalty);
        return s;
    }
}
