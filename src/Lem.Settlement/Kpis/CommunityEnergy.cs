namespace Lem.Settlement.Kpis;

/// <summary>
/// The community's energy balance over the billing period, from the participants' net meter positions per slot:
/// withdrawals W_t, injections G_t, locally matched L_t = min(W_t, G_t); import − export = Σ W − Σ G.
/// </summary>
/// <param name="WithdrawalKwh">Σ withdrawals, kWh.</param>
/// <param name="InjectionKwh">Σ injections, kWh.</param>
/// <param name="LocalMatchedKwh">Σ locally matched energy Σ_t min(W_t, G_t), kWh.</param>
/// <param name="ImportKwh">Net import of the community, Σ_t (W_t − L_t), kWh.</param>
/// <param name="ExportKwh">Net export of the community, Σ_t (G_t − L_t), kWh.</param>
public sealed record CommunityEnergy(double WithdrawalKwh, double InjectionKwh, double LocalMatchedKwh, double ImportKwh, double ExportKwh);
