namespace Lem.Markets.Pool;

/// <summary>A participant's net position per slot.</summary>
/// <param name="Participant">The participant.</param>
/// <param name="Bus">The bus its injections enter (the virtual copper-plate bus without a grid), or null for participants without assets and orders.</param>
/// <param name="NetInjectionKw">Net injection per slot in kW: its assets' injections plus accepted offers minus accepted bids (injection positive).</param>
public sealed record ParticipantDispatch(ParticipantId Participant, BusId? Bus, IReadOnlyList<double> NetInjectionKw);
