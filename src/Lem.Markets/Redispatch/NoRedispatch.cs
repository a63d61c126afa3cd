namespace Lem.Markets.Redispatch;

/// <summary>
/// <c>none</c> (docs/mechanisms/redispatch.md): clear once, check the schedule with the AC power flow and count the
/// (slot, element) violations; nothing is corrected.
/// </summary>
public sealed class NoRedispatch : IRedispatch
{
    /// <inheritdoc />
    public string Name => "none";

    /// <inheritdoc />
    public string Description => "Clear once and count the AC violations; no correction";

    /// <inheritdoc />
    public RedispatchOutcome Apply(IClearingMechanism mechanism, ClearingRequest request, RedispatchOptions options)
    {
        var warnings = new List<string>();
        var (clearing, _, violations, history) = RedispatchCore.First(mechanism, request, options, warnings);
        return new RedispatchOutcome(Name, clearing, clearing, 0, violations, violations, 0m)
        {
            History = history,
            FinalLimits = request.Market.BidLimits,
            Warnings = warnings,
        };
    }
}
