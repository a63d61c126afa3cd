using Lem.Grid.Formulations;
using Lem.Grid.Indexing;
using Lem.Optimization;

namespace Lem.Testing.Formulations;

/// <summary>The prepared side of <see cref="CountingFormulation"/>: counts each added slot, then delegates.</summary>
public sealed class CountingPreparedFormulation(CountingFormulation owner, IPreparedGridFormulation inner) : IPreparedGridFormulation
{
    public IGridFormulation Formulation => owner;

    public NetworkIndex Index => inner.Index;

    public GridSlot AddSlot(OptimizationModel model, int slot, IReadOnlyList<LinearExpression> pInjectionMw, IReadOnlyList<LinearExpression> qInjectionMvar)
    {
        owner.CountSlot();
        return inner.AddSlot(model, slot, pInjectionMw, qInjectionMvar);
    }
}
