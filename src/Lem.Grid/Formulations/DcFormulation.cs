using Lem.Grid.Topology;

namespace Lem.Grid.Formulations;

/// <summary>
/// The DC (B-θ) power flow model (docs/formulations.md#dc-b-theta): lossless, |V| = 1, small angle differences; exact LP.
/// </summary>
/// <remarks>
/// <para>Variables: the voltage angle θ_i of each bus in radians, bounded to [−π, π], fixed to 0 at one slack bus per
/// island (the reference).</para>
/// <para>Constraints for each slot (added by <see cref="PreparedDcFormulation.AddSlot"/>), in per unit on the network base:</para>
/// <list type="bullet">
/// <item>branch flow f_k = (θ_f − θ_t − φ_k)/(x_k·τ_k) from the from end, with tap ratio τ and phase shift φ (MATPOWER's
/// <c>makeBdc</c>);</item>
/// <item>nodal balance p_i/S_base − G_s,i = Σ_k A_ki f_k with A_ki = +1 at the from bus and −1 at the to bus; the bus
/// shunt conductance is a constant load at |V| = 1, as MATPOWER's DC OPF has it; its dual, divided by S_base, is the
/// LMP in objective units per MW;</item>
/// <item>|f_k| ≤ rating where the rating is finite (a ranged row; its dual is the flow-limit price).</item>
/// </list>
/// <para>The reactive injections are ignored (a DC model has no reactive power); line charging and series resistance
/// drop out. LMP_i = λ^E − Σ_ℓ (μ⁺_ℓ − μ⁻_ℓ)·PTDF_ℓi.</para>
/// <para>Sources: F. C. Schweppe, M. C. Caramanis, R. D. Tabors, R. E. Bohn, <i>Spot Pricing of Electricity</i>, Kluwer,
/// 1988; R. D. Zimmerman, C. E. Murillo-Sánchez, R. J. Thomas, "MATPOWER: steady-state operations, planning and analysis
/// tools for power systems research and education", IEEE Trans. Power Systems 26(1), 2011.</para>
/// </remarks>
public sealed class DcFormulation : IGridFormulation
{
    /// <inheritdoc />
    public string Name => "dc";

    /// <inheritdoc />
    public bool HasVoltages => false;

    /// <inheritdoc />
    public string? CannotRepresent(NetworkIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        return WhyNot(index, out _);
    }

    /// <inheritdoc />
    IPreparedGridFormulation IGridFormulation.Prepare(NetworkIndex index) => Prepare(index);

    /// <summary>
    /// Prepares the DC model of a network: one topology analysis picks the angle reference of each island, and the
    /// series susceptance 1/(x·τ) of every branch is computed once.
    /// </summary>
    /// <exception cref="ArgumentException">When the network cannot be represented (see <see cref="CannotRepresent"/>).</exception>
    public PreparedDcFormulation Prepare(NetworkIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        var why = WhyNot(index, out var topology);
        if (why is not null)
        {
            throw new ArgumentException(why, nameof(index));
        }

        var reference = new bool[index.BusCount];
        var islandHasReference = new bool[topology!.Islands.Length];
        foreach (var s in index.SlackIndices)
        {
            if (!islandHasReference[topology.IslandOfBus[s]])
            {
                islandHasReference[topology.IslandOfBus[s]] = true;
                reference[s] = true;
            }
        }

        var susceptance = new double[index.BranchCount];
        for (var k = 0; k < susceptance.Length; k++)
        {
            var tap = index.TapRatio[k] == 0 ? 1.0 : index.TapRatio[k];
            susceptance[k] = 1.0 / (index.XPu[k] * tap);
        }

        return new PreparedDcFormulation(this, index, reference, susceptance);
    }

    /// <summary>Why the network cannot be represented, or null; the topology is analysed at most once.</summary>
    private static string? WhyNot(NetworkIndex index, out TopologyReport? topology)
    {
        topology = null;
        if (index.BusCount == 0)
        {
            return "The network has no in-service bus.";
        }

        if (index.SlackIndices.Length == 0)
        {
            return "The network has no slack bus to serve as the angle reference.";
        }

        topology = GridTopology.Analyze(index);
        if (!topology.AllReachable)
        {
            return $"{topology.UnreachableBusIds.Length} buses are in islands without a slack bus (first: {topology.UnreachableBusIds[0]}).";
        }

        for (var k = 0; k < index.BranchCount; k++)
        {
            var tap = index.TapRatio[k] == 0 ? 1.0 : index.TapRatio[k];
            if (!(Math.Abs(index.XPu[k] * tap) > 0))
            {
                return $"Branch {index.BranchIds[k]} has zero reactance; the DC model needs x ≠ 0 on every branch.";
            }
        }

        return null;
    }

    /// <summary>
    /// Checks the arguments of a prepared formulation's <c>AddSlot</c>: a model, a non-negative slot, one active
    /// injection expression per solver bus and, when <paramref name="reactive"/>, one reactive one per solver bus.
    /// </summary>
    internal static void CheckSlotArguments(OptimizationModel model, int slot, NetworkIndex index, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar, bool reactive = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(pInjectionMw);
        ArgumentNullException.ThrowIfNull(qInjectionMvar);
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        if (pInjectionMw.Count != index.BusCount)
        {
            throw new ArgumentException($"{pInjectionMw.Count} active injections were given for {index.BusCount} buses.", nameof(pInjectionMw));
        }

        if (reactive && qInjectionMvar.Count != index.BusCount)
        {
            throw new ArgumentException($"{qInjectionMvar.Count} reactive injections were given for {index.BusCount} buses.", nameof(qInjectionMvar));
        }
    }
}
