namespace Lem.Markets.Distributed;

/// <summary>
/// The one request for private data: after the iterations, an engine asks each agent for its own cost at its final
/// point, only to report welfare. It is the only time private information is aggregated, and only as one number.
/// </summary>
public sealed record CostRequest() : CoordinatorMessage(0)
{
    /// <inheritdoc/>
    public override int ValueCount => 0;
}
