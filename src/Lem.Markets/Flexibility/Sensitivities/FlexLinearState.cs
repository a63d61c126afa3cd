namespace Lem.Markets.Flexibility.Sensitivities;

/// <summary>
/// A linearised grid state in p.u. on the network base: branch flows at the from end and squared voltages (null for a
/// model without voltages). Mutable: the clearing adds sensitivities to it.
/// </summary>
public sealed class FlexLinearState
{
    /// <summary>Creates a state.</summary>
    public FlexLinearState(double[] branchP, double[] branchQ, double[]? squaredVoltage)
    {
        BranchP = branchP;
        BranchQ = branchQ;
        SquaredVoltage = squaredVoltage;
    }

    /// <summary>The active flow of each branch at its from end (p.u.).</summary>
    public double[] BranchP { get; }

    /// <summary>The reactive flow of each branch at its from end (p.u.).</summary>
    public double[] BranchQ { get; }

    /// <summary>The squared voltage magnitude of each bus, or null.</summary>
    public double[]? SquaredVoltage { get; }

    /// <summary>A copy.</summary>
    public FlexLinearState Clone() => new([.. BranchP], [.. BranchQ], SquaredVoltage is null ? null : [.. SquaredVoltage]);

    /// <summary>The flat state of a model plus the injections (p.u.) times the sensitivities, summed bus by bus: O(n²).</summary>
    public static FlexLinearState Sum(IFlexLinearisation lin, double[] pPu, double[] qPu)
    {
        ArgumentNullException.ThrowIfNull(lin);
        ArgumentNullException.ThrowIfNull(pPu);
        ArgumentNullException.ThrowIfNull(qPu);
        var state = lin.FlatState();
        for (var i = 0; i < lin.Index.BusCount * lin.Phases; i++)
        {
            if (pPu[i] != 0)
            {
                state.Add(OfElement(lin, i, false), pPu[i]);
            }

            if (qPu[i] != 0)
            {
                state.Add(OfElement(lin, i, true), qPu[i]);
            }
        }

        return state;
    }

    /// <summary>The sensitivities to injection at injection element <paramref name="element"/>: the bus of a balanced model, bus·3 + phase of a per-phase one.</summary>
    public static FlexSensitivity OfElement(IFlexLinearisation lin, int element, bool reactive)
    {
        ArgumentNullException.ThrowIfNull(lin);
        return lin.Phases == 1 ? lin.Of(element, reactive) : lin.Of(element / lin.Phases, (Lem.Grid.ThreePhase.PhaseConnection)(element % lin.Phases), reactive);
    }

    /// <summary>Adds <paramref name="factor"/> times a sensitivity.</summary>
    public void Add(FlexSensitivity sensitivity, double factor)
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        if (factor == 0)
        {
            return;
        }

        Axpy(BranchP, sensitivity.BranchP, factor);
        Axpy(BranchQ, sensitivity.BranchQ, factor);
        if (SquaredVoltage is not null && sensitivity.SquaredVoltage is not null)
        {
            Axpy(SquaredVoltage, sensitivity.SquaredVoltage, factor);
        }
    }

    private static void Axpy(double[] y, double[] x, double a)
    {
        for (var i = 0; i < y.Length; i++)
        {
            y[i] += a * x[i];
        }
    }
}
