using System.Collections.Immutable;

namespace Lem.Grid.Formulations;

/// <summary>
/// The branch and shunt data of a feeder in per unit on the power base the SOC model is written in
/// (<see cref="PowerBaseMva"/>), which may differ from the network's base: with κ = S_network/S_model, impedances are
/// divided by κ, admittances, ratings and powers multiplied by κ, squared currents by κ²; squared voltages do not change.
/// </summary>
/// <remarks>
/// An interior-point solver stops at an absolute tolerance (about 10⁻⁸ per row), so a low-voltage feeder whose flows are
/// 10⁻⁵ p.u. of a 100 MVA base would have its balances met only to a few percent; written on a base near its own power
/// the same tolerance is small.
/// </remarks>
public sealed class SocDistFlowPerUnit
{
    internal SocDistFlowPerUnit(DistributionFeeder feeder, double powerBaseMva)
    {
        var index = feeder.Index;
        PowerBaseMva = powerBaseMva;
        var kappa = index.BaseMva / powerBaseMva;
        RPu = [.. index.RPu.Select(r => r / kappa)];
        XPu = [.. index.XPu.Select(x => x / kappa)];
        GPu = [.. index.GPu.Select(g => g * kappa)];
        BPu = [.. index.BPu.Select(b => b * kappa)];
        RatingPu = [.. index.RatingPu.Select(s => s * kappa)];
        ShuntPPerV = [.. feeder.ShuntPPerV.Select(g => g * kappa)];
        ShuntQPerV = [.. feeder.ShuntQPerV.Select(b => b * kappa)];
    }

    /// <summary>The power base of the model in MVA.</summary>
    public double PowerBaseMva { get; }

    /// <summary>The series resistance of each branch.</summary>
    public ImmutableArray<double> RPu { get; }

    /// <summary>The series reactance of each branch.</summary>
    public ImmutableArray<double> XPu { get; }

    /// <summary>The total shunt conductance of each branch.</summary>
    public ImmutableArray<double> GPu { get; }

    /// <summary>The total charging susceptance of each branch.</summary>
    public ImmutableArray<double> BPu { get; }

    /// <summary>The rating of each branch (+∞ when unlimited).</summary>
    public ImmutableArray<double> RatingPu { get; }

    /// <summary>The active power drawn per unit of squared voltage at each bus (see <see cref="DistributionFeeder.ShuntPPerV"/>).</summary>
    public ImmutableArray<double> ShuntPPerV { get; }

    /// <summary>The reactive power drawn per unit of squared voltage at each bus (see <see cref="DistributionFeeder.ShuntQPerV"/>).</summary>
    public ImmutableArray<double> ShuntQPerV { get; }

    /// <summary>
    /// The power base chosen when none is given: the network's base, unless the network's loads and generation add up to
    /// less than 1 % of it (a low-voltage feeder on a 100 MVA base); then the smallest power of ten at least as large as
    /// that total.
    /// </summary>
    public static double AutomaticPowerBaseMva(Indexing.NetworkIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var totalPu = 0.0;
        for (var i = 0; i < index.BusCount; i++)
        {
            totalPu += Math.Abs(index.PLoadPu[i]) + Math.Abs(index.QLoadPu[i]) + Math.Abs(index.PGenPu[i]) + Math.Abs(index.QGenPu[i]);
        }

        var totalMva = totalPu * index.BaseMva;
        if (!(totalMva > 0) || totalMva >= 0.01 * index.BaseMva)
        {
            return index.BaseMva;
        }

        return Math.Pow(10, Math.Ceiling(Math.Log10(totalMva)));
    }
}
