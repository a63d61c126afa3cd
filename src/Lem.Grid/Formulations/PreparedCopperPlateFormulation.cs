namespace Lem.Grid.Formulations;

/// <summary>The <see cref="CopperPlateFormulation"/> prepared for a network: one balance per slot joins every bus.</summary>
public sealed class PreparedCopperPlateFormulation : IPreparedGridFormulation
{
    internal PreparedCopperPlateFormulation(CopperPlateFormulation formulation, NetworkIndex index)
    {
        Formulation = formulation;
        Index = index;
    }

    /// <summary>The formulation this was prepared from.</summary>
    public CopperPlateFormulation Formulation { get; }

    /// <inheritdoc />
    IGridFormulation IPreparedGridFormulation.Formulation => Formulation;

    /// <summary>The network this was prepared for.</summary>
    public NetworkIndex Index { get; }

    /// <inheritdoc />
    GridSlot IPreparedGridFormulation.AddSlot(OptimizationModel model, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar) =>
        AddSlot(model, slot, pInjectionMw, qInjectionMvar);

    /// <summary>
    /// Adds the balance Σ_bus p_bus = 0 (MW) of one slot; <paramref name="qInjectionMvar"/> is ignored (the copper plate
    /// does not balance reactive power).
    /// </summary>
    /// <exception cref="ArgumentException">When there is not one active injection per bus.</exception>
    public CopperPlateSlot AddSlot(OptimizationModel model, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar)
    {
        DcFormulation.CheckSlotArguments(model, slot, Index, pInjectionMw, qInjectionMvar, reactive: false);

        var total = new LinearExpression(pInjectionMw.Sum(e => e.Count));
        foreach (var e in pInjectionMw)
        {
            total.Add(e);
        }

        var balance = model.AddEquality(total, 0.0, $"copperplate.balance[{slot}]");
        return new CopperPlateSlot(balance, Index.BusCount) { Slot = slot };
    }
}
