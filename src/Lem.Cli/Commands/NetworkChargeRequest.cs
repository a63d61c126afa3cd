using Lem.Grid.Distance;
using Lem.Markets.Distributed;

namespace Lem.Cli.Commands;

/// <summary>The network-charge options as given.</summary>
/// <param name="LevelEurPerMwh">γ, or null when <c>--network-charge</c> was not given.</param>
/// <param name="Distance">The <c>--distance</c> value, or null.</param>
/// <param name="Split">The <c>--charge-split</c> value, or null.</param>
internal sealed record NetworkChargeRequest(double? LevelEurPerMwh, string? Distance, string? Split)
{
    /// <summary>A usage mistake (exit 2): a charge for a mechanism that does not price bilateral trades, or --distance/--charge-split without a charge.</summary>
    public string? UsageProblem(IClearingMechanism mechanism)
    {
        if (LevelEurPerMwh is null)
        {
            return Distance is not null || Split is not null ? "--distance and --charge-split apply only together with --network-charge." : null;
        }

        return mechanism.Capabilities.NetworkCharges ? null : $"--network-charge prices bilateral trades and applies to --mechanism {string.Join(" or ", ClearingMechanisms.Names.Where(n => ClearingMechanisms.Get(n).Capabilities.NetworkCharges))} only, not {mechanism.Name}.";
    }

    /// <summary>The policy for a scenario, or the problem (exit 1) that prevents it; (null, null) without a charge.</summary>
    public (NetworkChargePolicy? Policy, ValidationError? Error) PolicyFor(Scenario scenario)
    {
        if (LevelEurPerMwh is not { } level)
        {
            return (null, null);
        }

        if (Distance is null && scenario.Grid is null)
        {
            return (null, new ValidationError("--network-charge", ValidationCodes.ValueInvalid, "The scenario has no grid, so the default resistance distance cannot be measured; use --distance uniform for a charge that does not depend on location."));
        }

        NetworkChargeBasis basis = Distance switch
        {
            "uniform" => new UniformChargeBasis(),
            "zonal" => new ZonalChargeBasis(),
            "path" => new DistanceChargeBasis(ElectricalDistanceMethod.PathImpedance),
            "ptdf" => new DistanceChargeBasis(ElectricalDistanceMethod.Ptdf),
            _ => new DistanceChargeBasis(ElectricalDistanceMethod.ResistanceDistance),
        };
        var policy = new NetworkChargePolicy { LevelEurPerMwh = level, Basis = basis, Split = Split == "buyer" ? NetworkChargeSplit.Buyer : NetworkChargeSplit.Half };
        var why = NetworkCharges.WhyNotApplicable(scenario, policy);
        return why is null
            ? (policy, null)
            : (null, new ValidationError(Distance is null ? "--network-charge" : "--distance", ValidationCodes.ValueInvalid, $"The {Distance ?? "resistance"} network charge cannot be applied to this scenario: {why}"));
    }
}
