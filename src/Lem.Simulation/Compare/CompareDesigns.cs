using System.Collections.Concurrent;

namespace Lem.Simulation.Compare;

/// <summary>
/// The market designs <c>lem compare</c> knows (docs/comparison.md#designs): every registered clearing mechanism under its
/// own name, plus aliases for designs whose mechanism is registered under another name (<c>auction</c> is the
/// uniform-price call auction, registered as <c>uniform</c> in <c>Lem.Markets.Auctions.CallAuctions</c>).
/// </summary>
public static class CompareDesigns
{
    private static readonly ConcurrentDictionary<string, string> Aliases = new(StringComparer.Ordinal);

    static CompareDesigns()
    {
        RegisterAlias("auction", "uniform");
    }

    /// <summary>The designs compared when none is named.</summary>
    public static IReadOnlyList<string> Default { get; } = ["pool", "community", "exchange", "p2p", "auction", "cda"];

    /// <summary>Registers a design name that stands for a registered mechanism.</summary>
    public static void RegisterAlias(string design, string mechanism)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(design);
        ArgumentException.ThrowIfNullOrWhiteSpace(mechanism);
        Aliases[design] = mechanism;
    }

    /// <summary>Every known design name: the aliases and the registered mechanisms, sorted.</summary>
    public static IReadOnlyList<string> Known =>
        [.. Aliases.Keys.Concat(ClearingMechanisms.Names).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal)];

    /// <summary>The mechanism a design name stands for, or null when it is unknown.</summary>
    public static string? MechanismOf(string design)
    {
        ArgumentNullException.ThrowIfNull(design);
        var name = Aliases.TryGetValue(design, out var m) ? m : design;
        return ClearingMechanisms.TryGet(name, out _) ? name : null;
    }
}
