namespace Lem.Cli.Output.Records;

/// <summary>One slot of the per-phase AC state of a three-phase flexibility clearing (docs/three-phase.md#flexibility-on-three-phases).</summary>
/// <param name="Slot">The slot.</param>
/// <param name="VmMinPuBefore">The lowest voltage of phases a, b, c over the buses before the orders (p.u. of the phase-to-neutral base).</param>
/// <param name="VmMinPuAfter">The same with the orders.</param>
/// <param name="LoadingMaxPercentBefore">The highest loading of phases a, b, c over the branches before the orders (|S^φ| over a third of the rating, %).</param>
/// <param name="LoadingMaxPercentAfter">The same with the orders.</param>
/// <param name="VufMaxPercentBefore">The largest voltage unbalance factor before the orders (%).</param>
/// <param name="VufMaxPercentAfter">The same with the orders.</param>
public sealed record FlexPhaseAcJson(
    int Slot,
    IReadOnlyList<double> VmMinPuBefore,
    IReadOnlyList<double> VmMinPuAfter,
    IReadOnlyList<double> LoadingMaxPercentBefore,
    IReadOnlyList<double> LoadingMaxPercentAfter,
    double VufMaxPercentBefore,
    double VufMaxPercentAfter);
