using Lem.Domain.Assets;
using Lem.Domain.Validation;
using Lem.Markets.Clearing;
using Lem.Markets.Assets;

namespace Lem.Testing.Toy;

/// <summary>
/// A toy mechanism that lives only in the test assembly: every participant supplies itself from its renewables, the
/// rest goes to or comes from the outside market, all at one fixed price. It proves that a mechanism plugs into
/// <c>lem run</c> (and the server) through the registry alone.
/// </summary>
public sealed class SelfSupplyMechanism : IClearingMechanism
{
    /// <summary>The fixed price, EUR/MWh.</summary>
    public const double PriceEurPerMwh = 42.5;

    /// <summary>The registered name.</summary>
    public const string RegisteredName = "toy-self-supply";

    /// <summary>The one instance, registered on first use.</summary>
    public static SelfSupplyMechanism Instance { get; } = Register();

    /// <inheritdoc />
    public string Name => RegisteredName;

    /// <inheritdoc />
    public string Description => "Toy: self-supply at a fixed price";

    /// <inheritdoc />
    public ClearingCapabilities Capabilities { get; } = new();

    /// <inheritdoc />
    public IReadOnlyList<ValidationError> Check(ClearingRequest request) =>
        request.Formulation is "auto" or "copperplate" ? [] : [new ValidationError("--grid", "toy.grid", "The toy clears on copper plate.")];

    /// <inheritdoc />
    public ClearingResult Clear(ClearingRequest request)
    {
        var market = request.Market;
        var slots = market.Horizon.Count;
        var positions = market.Participants.Select(p => new ClearingPosition(
            p.Id,
            [.. Enumerable.Range(0, slots).Select(t => p.Assets.OfType<RenewableGenerator>().Sum(g => g.AvailableKw[t]) - p.Assets.OfType<InflexibleLoad>().Sum(l => l.DemandKw[t]))],
            [.. Enumerable.Repeat(PriceEurPerMwh, slots)])).ToList();
        var net = Enumerable.Range(0, slots).Select(t => positions.Sum(p => p.NetInjectionKw[t])).ToList();
        return new ClearingResult
        {
            Mechanism = Name,
            Status = ClearingStatus.Optimal,
            MarketName = market.Name,
            SlotCount = slots,
            PricesEurPerMwh = [.. Enumerable.Range(0, slots).Select(_ => (IReadOnlyList<double>)[PriceEurPerMwh])],
            Positions = positions,
            ImportKw = [.. net.Select(x => Math.Max(-x, 0))],
            ExportKw = [.. net.Select(x => Math.Max(x, 0))],
        };
    }

    private static SelfSupplyMechanism Register()
    {
        var m = new SelfSupplyMechanism();
        ClearingMechanisms.Register(m);
        return m;
    }
}
