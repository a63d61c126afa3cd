namespace Lem.Markets.Pool;

/// <summary>
/// The part of a pool model that represents one asset: it adds its variables and constraints, its net injection per
/// slot and bus and its cost per slot, and reads its schedule back from the solution values (solver units: MW, MWh).
/// </summary>
internal abstract class PoolAssetModel(AssetId id, ParticipantId owner, int bus)
{
    /// <summary>Power below which a charging or discharging power counts as zero, MW.</summary>
    public const double SimultaneityToleranceMw = 1e-6;

    /// <summary>Slack (MWh) below which an elastic requirement counts as met.</summary>
    public const double ShortfallToleranceMwh = 1e-7;

    /// <summary>The owner.</summary>
    public ParticipantId Owner { get; } = owner;

    /// <summary>The solver bus the asset injects at.</summary>
    public int Bus { get; } = bus;

    /// <summary>The asset's id.</summary>
    public AssetId Id { get; } = id;

    /// <summary>Adds the asset to the model.</summary>
    public abstract void Build(PoolBuildContext c);

    /// <summary>Reads the asset's schedule from the solution values.</summary>
    public abstract AssetDispatch Read(double[] values, double hours);

    /// <summary>Whether the asset links <paramref name="slot"/> to other slots (storage, an EV while plugged in, a flexible load in its window).</summary>
    public virtual bool Couples(int slot) => false;

    /// <summary>Adds the asset's steps to the merit order of a slot it does not couple.</summary>
    public virtual void AddMeritSteps(int slot, MeritBook book, double hours)
    {
    }

    /// <summary>Whether the asset charges and discharges in the same slot anywhere (storage only).</summary>
    public virtual bool ChargesAndDischargesAtOnce(double[] values) => false;

    /// <summary>Fixes the asset's binaries at their (rounded) values and makes them continuous, for the LP re-solve.</summary>
    public virtual void FixBinaries(OptimizationModel model, IReadOnlyList<double> values)
    {
    }

    /// <summary>In elastic mode: a sentence on the requirement the asset could not meet, or null.</summary>
    public virtual string? Shortfall(double[] values) => null;

    /// <summary>Whether any slot has both charge and discharge above the simultaneity tolerance (storage models).</summary>
    protected static bool AnySimultaneous(double[] values, Variable[] charge, Variable[] discharge)
    {
        for (var t = 0; t < discharge.Length; t++)
        {
            if (values[charge[t].Index] > SimultaneityToleranceMw && values[discharge[t].Index] > SimultaneityToleranceMw)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>One variable per slot in [0, <paramref name="upperKw"/>[t] / 1000] MW, named <c>{id}.{name}[t]</c>.</summary>
    protected Variable[] PerSlotUpTo(PoolBuildContext c, string name, SlotSeries upperKw)
    {
        var variables = new Variable[c.SlotCount];
        for (var t = 0; t < c.SlotCount; t++)
        {
            variables[t] = c.Model.AddVariable(0, upperKw[t] / 1000.0, $"{Id}.{name}[{t}]");
        }

        return variables;
    }

    /// <summary>Fixes binaries at their rounded MILP values and makes them continuous, for the LP re-solve that gives duals.</summary>
    protected static void FixAtRoundedValues(OptimizationModel model, IReadOnlyList<double> values, Variable[] binaries)
    {
        foreach (var z in binaries)
        {
            var v = Math.Round(values[z.Index]);
            model.Relax(z);
            model.SetBounds(z, v, v);
        }
    }

    /// <summary>Values of variables in kW (from MW).</summary>
    protected static double[] Kw(double[] values, Variable[] variables) => [.. variables.Select(v => values[v.Index] * 1000.0)];
}
