using Lem.Markets.Pool;

namespace Lem.Markets.Tariffs;

/// <summary>
/// A participant as a follower of the DSO's tariff (docs/games.md#stackelberg-tariff-design): its own LP over its
/// assets and orders (the pool's asset models on a one-bus build context, as the distributed agents build their share
/// of the pool), buying at the import price, selling at the export price, and paying the tariff (<see cref="TariffModel"/>).
/// </summary>
public sealed class TariffFollower
{
    private static readonly IReadOnlySet<AssetId> NoBinaries = new HashSet<AssetId>();
    private readonly IReadOnlyList<double> _importEurPerMwh;
    private readonly IReadOnlyList<double> _exportEurPerMwh;

    /// <summary>Creates a follower; the export price may not exceed the import price in any slot (else the LP would be unbounded).</summary>
    /// <exception cref="ArgumentException">When the price lists do not have one price per slot or an export price exceeds the import price.</exception>
    public TariffFollower(Participant participant, Horizon horizon, IReadOnlyList<double> importEurPerMwh, IReadOnlyList<double> exportEurPerMwh)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(horizon);
        ArgumentNullException.ThrowIfNull(importEurPerMwh);
        ArgumentNullException.ThrowIfNull(exportEurPerMwh);
        if (importEurPerMwh.Count != horizon.Count || exportEurPerMwh.Count != horizon.Count || Enumerable.Range(0, horizon.Count).Any(t => exportEurPerMwh[t] > importEurPerMwh[t]))
        {
            throw new ArgumentException("One import and one export price per slot, the export price never above the import price.", nameof(exportEurPerMwh));
        }

        Participant = participant;
        Horizon = horizon;
        _importEurPerMwh = importEurPerMwh;
        _exportEurPerMwh = exportEurPerMwh;
    }

    /// <summary>The participant.</summary>
    public Participant Participant { get; }

    /// <summary>The horizon.</summary>
    public Horizon Horizon { get; }

    /// <summary>Whether the participant is passive: no PV, wind or battery.</summary>
    public bool IsPassive => !Participant.Assets.Any(a => a is RenewableGenerator or Battery);

    /// <summary>Builds the LP with the tariff at level τ = 1 kept apart (<paramref name="unitTariff"/>), for the MPEC.</summary>
    public TariffFollowerModel Build(TariffCost unitTariff)
    {
        ArgumentNullException.ThrowIfNull(unitTariff);
        var model = new OptimizationModel($"follower:{Participant.Id}");
        var c = new PoolBuildContext(model, Horizon, 1, 0.0, reactive: false, elastic: false, NoBinaries);
        foreach (var asset in Participant.Assets)
        {
            AssetKinds.Of(asset).LocalModel(asset, Participant.Id, Horizon).Build(c);
        }

        foreach (var order in Participant.Orders)
        {
            new OrderModel(order, Participant.Id, 0).Build(c);
        }

        var net = Enumerable.Range(0, c.SlotCount).Select(t => c.P[t][0]).ToList();
        var energy = new TariffCost { WithdrawalEurPerMwh = [.. _importEurPerMwh], InjectionEurPerMwh = [.. _exportEurPerMwh.Select(p => -p)] };
        var baseObjective = TariffModel.Add(c, energy, net, "energy");
        foreach (var cost in c.Cost)
        {
            baseObjective.Add(cost);
        }

        var tariff = unitTariff.IsZero ? new LinearExpression() : TariffModel.Add(c, unitTariff, net, "tariff");
        return new TariffFollowerModel(model, baseObjective, tariff, net);
    }

    /// <summary>Solves the participant's LP at tariff level <paramref name="level"/> of <paramref name="unitTariff"/>.</summary>
    /// <exception cref="InvalidOperationException">When the LP is not solved to optimality.</exception>
    public TariffResponse Respond(TariffCost unitTariff, double level)
    {
        var built = Build(unitTariff);
        var objective = new LinearExpression();
        objective.Add(built.BaseObjective);
        objective.Add(built.TariffPerUnit, level);
        built.Model.SetObjective(objective);
        var solution = Solvers.For(built.Model).Solve(built.Model, SolverOptions.Default);
        if (solution.Status != SolveStatus.Optimal)
        {
            throw new InvalidOperationException($"Participant '{Participant.Id}': its response LP ended {solution.Status}: {solution.Message ?? "no message"}.");
        }

        var values = solution.Values.ToArray();
        var netKw = built.NetInjectionMw.Select(e => 1000.0 * solution.Value(e)).ToArray();
        return new TariffResponse([.. netKw.Select(e => Math.Max(0.0, -e))], [.. netKw.Select(e => Math.Max(0.0, e))], solution.Value(built.BaseObjective));
    }
}
