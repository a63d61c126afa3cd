namespace Lem.Markets.Redispatch;

/// <summary>
/// One limit of the grid as the redispatch sees it (docs/mechanisms/redispatch.md#limits-and-signs): a branch's signed
/// loading (percent of its rating, positive when active power enters at the from end) within ±100 %, or a bus's voltage
/// magnitude (p.u.) within its band.
/// </summary>
/// <param name="IsBranch">True for a branch, false for a bus.</param>
/// <param name="Index">The branch or solver-bus index of the network index.</param>
/// <param name="Id">The branch or bus id.</param>
/// <param name="Lower">The lower limit (−100 % or the minimum voltage).</param>
/// <param name="Upper">The upper limit (100 % or the maximum voltage).</param>
internal sealed record GridLimit(bool IsBranch, int Index, string Id, double Lower, double Upper)
{
    /// <summary>Tolerance of the AC check's violation test (as in the power-flow result).</summary>
    public const double Tolerance = 1e-9;

    /// <summary>The limited quantity in an AC state.</summary>
    public double ValueIn(AcState state) => IsBranch ? state.SignedLoadingPercent[Index] : state.VmPu[Index];

    /// <summary>Whether the state breaks the limit.</summary>
    public bool ViolatedBy(AcState state)
    {
        var value = ValueIn(state);
        return value > Upper + Tolerance || value < Lower - Tolerance;
    }

    /// <summary>The margin kept inside the limit: loading percent for a branch, p.u. for a bus.</summary>
    public double Margin(RedispatchOptions options) => IsBranch ? options.LoadingMarginPercent : options.VoltageMarginPu;

    /// <summary>Every rated branch and every bus of a network.</summary>
    public static IReadOnlyList<GridLimit> All(NetworkIndex index)
    {
        var limits = new List<GridLimit>();
        for (var k = 0; k < index.BranchIds.Length; k++)
        {
            if (double.IsFinite(index.RatingPu[k]) && index.RatingPu[k] > 0)
            {
                limits.Add(new GridLimit(true, k, index.BranchIds[k], -100, 100));
            }
        }

        for (var i = 0; i < index.BusCount; i++)
        {
            limits.Add(new GridLimit(false, i, index.BusIdOf(i).Value, index.VmMinPu[i], index.VmMaxPu[i]));
        }

        return limits;
    }
}
