namespace Lem.Markets.Redispatch;

/// <summary>
/// How the DSO makes a clearing respect the grid (docs/mechanisms/redispatch.md): clear, check with the AC power
/// flow, and correct. <c>none</c> only checks; <c>iterative</c> re-clears with the violated limits added (seed Ref 116);
/// <c>bid-limits</c> caps each participant's injection and withdrawal before the clearing (PEBBLES).
/// </summary>
public interface IRedispatch
{
    /// <summary>The name the option --redispatch takes.</summary>
    string Name { get; }

    /// <summary>One sentence on what it does.</summary>
    string Description { get; }

    /// <summary>Clears <paramref name="request"/> with <paramref name="mechanism"/> and corrects it for the grid.</summary>
    RedispatchOutcome Apply(IClearingMechanism mechanism, ClearingRequest request, RedispatchOptions options);
}
