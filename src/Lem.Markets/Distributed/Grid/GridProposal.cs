namespace Lem.Markets.Distributed.Grid;

/// <summary>The grid agent's answer: the net injection per bus and slot its network accepts, bus-major [b·T + t], kW.</summary>
/// <param name="SenderId">The grid agent.</param>
/// <param name="InjectionKw">The accepted injection per bus and slot, kW.</param>
public sealed record GridProposal(string SenderId, IReadOnlyList<double> InjectionKw) : AgentMessage(SenderId)
{
    /// <inheritdoc/>
    public override int ValueCount => InjectionKw.Count;
}
