using System.Globalization;

namespace Lem.Grid.Distance;

/// <summary>
/// An exogenous network charge on P2P trades (docs/network-charges.md; Baroche et al. 2019): a trade between buses n and m pays
/// c_nm EUR/MWh — γ·d_nm/d̄ (distance), γ (uniform) or γ across zones (zonal) — split between buyer and seller by
/// <see cref="Split"/>. The charges enter the P2P market as the agents' per-partner preferences (§6.1), so the market
/// stays convex; revenue adequacy against the grid cost is an ex-post check.
/// </summary>
public sealed record NetworkChargePolicy
{
    /// <summary>The tariff level γ in EUR/MWh: the charge of the most distant pair (distance basis with the default d̄), of every trade (uniform), or of a trade across zones (zonal). Finite, non-negative.</summary>
    public required double LevelEurPerMwh { get; init; }

    /// <summary>What the charge depends on; the resistance distance by default.</summary>
    public NetworkChargeBasis Basis { get; init; } = new DistanceChargeBasis(ElectricalDistanceMethod.ResistanceDistance);

    /// <summary>Who pays the charge; half each by default.</summary>
    public NetworkChargeSplit Split { get; init; } = NetworkChargeSplit.Half;

    /// <summary>
    /// Says why the policy cannot be applied on <paramref name="network"/> (null for a copper-plate setting): a negative
    /// or non-finite level, a distance or zonal basis without a grid, a distance method that does not apply, a bad
    /// normalisation, a bus without a zone. Null when it can.
    /// </summary>
    /// <exception cref="ArgumentException">When the network is inconsistent (an element refers to an unknown bus).</exception>
    public string? WhyNotApplicable(GridNetwork? network)
    {
        if (!(LevelEurPerMwh >= 0) || !double.IsFinite(LevelEurPerMwh))
        {
            return $"The network charge level is {LevelEurPerMwh.ToString(CultureInfo.InvariantCulture)} EUR/MWh; it must be a finite, non-negative number.";
        }

        switch (Basis)
        {
            case UniformChargeBasis:
                return null;
            case DistanceChargeBasis d:
                if (network is null)
                {
                    return "Distance-based network charges need a grid to measure electrical distances on; there is none (the uniform charge needs no grid).";
                }

                if (d.NormalisationDistance is { } norm && (!(norm > 0) || !double.IsFinite(norm)))
                {
                    return $"The normalisation distance is {norm.ToString(CultureInfo.InvariantCulture)}; it must be a finite, positive number.";
                }

                return ElectricalDistance.WhyNotApplicable(network, d.Method);
            case ZonalChargeBasis z:
                if (z.ZoneOfBus is not null)
                {
                    return null;
                }

                if (network is null)
                {
                    return "Zonal network charges need a grid whose buses have zones; there is none.";
                }

                var missing = network.Buses.Where(b => b.InService && string.IsNullOrWhiteSpace(b.Zone)).Select(b => b.Id.Value).ToList();
                return missing.Count == 0
                    ? null
                    : $"Zonal network charges need a zone on every bus, but {missing.Count} bus{(missing.Count == 1 ? " has" : "es have")} none (first: {missing[0]}).";
            default:
                throw new ArgumentException($"Unknown network charge basis {Basis?.GetType().Name ?? "null"}.");
        }
    }

    /// <summary>Computes what the charges need (the distances, d̄, the zones) once, for <see cref="BusPairCharges.ChargeEurPerMwh"/>.</summary>
    /// <exception cref="ArgumentException">When the policy cannot be applied (<see cref="WhyNotApplicable"/> says why).</exception>
    /// <exception cref="DllNotFoundException">When a resistance or PTDF distance is needed and the KLU sparse solver is not installed.</exception>
    public BusPairCharges Prepare(GridNetwork? network)
    {
        var why = WhyNotApplicable(network);
        if (why is not null)
        {
            throw new ArgumentException(why, nameof(network));
        }

        return Basis switch
        {
            DistanceChargeBasis d => BusPairCharges.ForDistance(this, ElectricalDistance.Compute(network!, d.Method, d.DistanceOptions), d.NormalisationDistance),
            ZonalChargeBasis z => BusPairCharges.ForZones(this, z.ZoneOfBus ?? network!.Buses.Where(b => b.InService).GroupBy(b => b.Id).ToDictionary(g => g.Key, g => g.First().Zone!)),
            _ => BusPairCharges.Uniform(this),
        };
    }
}
