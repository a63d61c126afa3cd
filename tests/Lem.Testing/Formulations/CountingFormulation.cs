using Lem.Grid.Formulations;
using Lem.Grid.Indexing;

namespace Lem.Testing.Formulations;

/// <summary>A formulation that delegates to another and counts how often it is prepared and how many slots are added.</summary>
public sealed class CountingFormulation(IGridFormulation inner) : IGridFormulation
{
    private int _preparations;
    private int _slots;

    public int Preparations => _preparations;

    public int SlotsAdded => _slots;

    public string Name => inner.Name;

    public bool HasVoltages => inner.HasVoltages;

    public string? CannotRepresent(NetworkIndex index) => inner.CannotRepresent(index);

    public IPreparedGridFormulation Prepare(NetworkIndex index)
    {
        Interlocked.Increment(ref _preparations);
        return new CountingPreparedFormulation(this, inner.Prepare(index));
    }

    /// <summary>Counts one added slot.</summary>
    public void CountSlot() => Interlocked.Increment(ref _slots);
}
