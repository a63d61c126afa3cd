namespace Lem.Markets.Exchange;

/// <summary>An agent's answer in exchange ADMM: its proposed net injection per slot (injection positive).</summary>
/// <param name="SenderId">The agent.</param>
/// <param name="Injection">The net injection per slot.</param>
public sealed record ExchangeProposal(string SenderId, IReadOnlyList<double> Injection) : AgentMessage(SenderId)
{
    /// <inheritdoc/>
    public override int ValueCount => Injection.Count;
}
