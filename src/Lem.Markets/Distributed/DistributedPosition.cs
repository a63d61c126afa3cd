namespace Lem.Markets.Distributed;

/// <summary>A participant's net injection per slot after a distributed clearing (kW, injection positive).</summary>
/// <param name="ParticipantId">The participant (or the outside market's agent id).</param>
/// <param name="NetInjectionKw">The net injection per slot, kW.</param>
public sealed record DistributedPosition(string ParticipantId, IReadOnlyList<double> NetInjectionKw);
