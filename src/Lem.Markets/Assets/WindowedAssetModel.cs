namespace Lem.Markets.Assets;

/// <summary>
/// The pool model of an asset that acts only in the slots lying wholly within a time window ∩ horizon (an electric
/// vehicle while plugged in, a flexible load within its window); those slots are coupled.
/// </summary>
internal abstract class WindowedAssetModel : PoolAssetModel
{
    /// <summary>Places the window [<paramref name="from"/>, <paramref name="to"/>) on the horizon.</summary>
    protected WindowedAssetModel(AssetId id, ParticipantId owner, int bus, Horizon horizon, Instant from, Instant to)
        : base(id, owner, bus)
    {
        SlotCount = horizon.Count;
        (First, End) = SlotsWithin(horizon, from, to);
    }

    /// <summary>The first slot of the window.</summary>
    public int First { get; }

    /// <summary>One past the last slot of the window (First when there is none).</summary>
    public int End { get; }

    /// <summary>The slots of the horizon.</summary>
    protected int SlotCount { get; }

    /// <summary>The slots lying wholly within [<paramref name="from"/>, <paramref name="to"/>) ∩ horizon, as [first, end).</summary>
    public static (int First, int End) SlotsWithin(Horizon horizon, Instant from, Instant to)
    {
        var first = horizon.FirstSlotAtOrAfter(from);
        var end = first;
        while (end < horizon.Count && horizon.Slots[end].End <= to)
        {
            end++;
        }

        return (first, end);
    }

    /// <inheritdoc />
    public override bool Couples(int slot) => slot >= First && slot < End;
}
