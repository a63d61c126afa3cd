namespace Lem.Markets.Assets;

/// <summary>
/// Per slot: the demand that must be served and the most local supply can give (kW), for the diagnosis of a
/// clearing that the import limit makes infeasible, with the named loads behind the demand.
/// </summary>
internal sealed class ImportCheck
{
    public ImportCheck(int slotCount)
    {
        DemandKw = new double[slotCount];
        SupplyKw = new double[slotCount];
        Largest = new List<(double Kw, string Who)>[slotCount];
        for (var t = 0; t < slotCount; t++)
        {
            Largest[t] = [];
        }
    }

    /// <summary>Demand that must be served per slot, kW.</summary>
    public double[] DemandKw { get; }

    /// <summary>Most local supply per slot, kW.</summary>
    public double[] SupplyKw { get; }

    /// <summary>The named loads per slot, for the message.</summary>
    public List<(double Kw, string Who)>[] Largest { get; }

    /// <summary>Adds demand that must be served; named loads (<paramref name="who"/> not null) are listed in the message.</summary>
    public void MustServe(int slot, double kw, string? who = null)
    {
        DemandKw[slot] += kw;
        if (who is not null)
        {
            Largest[slot].Add((kw, who));
        }
    }

    /// <summary>Adds what local supply can give at most.</summary>
    public void CanSupply(int slot, double kw) => SupplyKw[slot] += kw;
}
