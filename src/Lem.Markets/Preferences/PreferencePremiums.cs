using Lem.Grid.Distance;
using Lem.Grid.Topology;

namespace Lem.Markets.Preferences;

/// <summary>
/// The premium π_ij (EUR/MWh) each buyer i pays for energy from each seller j, resolved from the participants'
/// <see cref="Participant.Preferences"/> (docs/scenario-format.md#preferences): the sum of the premiums of i's
/// preferences whose class j belongs to. P2P uses them as per-pair preferences, the pool as multi-class energy
/// (docs/mechanisms/admm.md#preferences, docs/mechanisms/pool.md#preferences-multi-class-energy).
/// </summary>
/// <remarks>
/// Classes: <c>green</c> — j has a renewable asset (<see cref="AssetKind.Renewable"/>); <c>partners</c> — j is named;
/// <c>local</c> — with <see cref="Preference.MaxDistancePu"/>, the resistance distance between the two buses is at most
/// that (docs/network-charges.md), else the two buses are on the same feeder (<see cref="Feeders"/>); on a copper plate
/// (no grid) every participant is local. A participant without a bus is local to nobody on a grid.
/// </remarks>
public sealed class PreferencePremiums
{
    private readonly Dictionary<string, Dictionary<string, double>> _byBuyer;

    private PreferencePremiums(Dictionary<string, Dictionary<string, double>> byBuyer) => _byBuyer = byBuyer;

    /// <summary>Whether no pair has a premium.</summary>
    public bool IsEmpty => _byBuyer.Values.All(d => d.Count == 0);

    /// <summary>Every pair with a premium: buyer, seller, π in EUR/MWh.</summary>
    public IEnumerable<(string BuyerId, string SellerId, double PremiumEurPerMwh)> Pairs =>
        _byBuyer.SelectMany(b => b.Value.Select(s => (b.Key, s.Key, s.Value)));

    /// <summary>Whether some participant of <paramref name="market"/> declares a preference.</summary>
    public static bool Declared(MarketInput market)
    {
        ArgumentNullException.ThrowIfNull(market);
        return market.Participants.Any(p => p.Preferences.Count > 0);
    }

    /// <summary>Why the preferences of <paramref name="market"/> cannot be resolved (a same-feeder preference on a grid whose feeders are not defined), or null.</summary>
    public static string? WhyNotApplicable(MarketInput market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var feederUser = market.Participants.FirstOrDefault(p => p.Preferences.Any(q => q.Class == PreferenceClass.Local && q.MaxDistancePu is null));
        if (market.Grid is null || feederUser is null)
        {
            return null;
        }

        return Feeders.WhyNotDefined(market.Grid) is { } why ? $"Participant '{feederUser.Id}' prefers its feeder: {why}" : null;
    }

    /// <summary>Resolves the premiums of every pair of participants.</summary>
    /// <exception cref="ArgumentException">When they cannot be resolved (<see cref="WhyNotApplicable"/> says why).</exception>
    public static PreferencePremiums Build(MarketInput market)
    {
        if (WhyNotApplicable(market) is { } why)
        {
            throw new ArgumentException(why, nameof(market));
        }

        var participants = market.Participants;
        var grid = market.Grid;
        var local = market.Participants.SelectMany(p => p.Preferences).Where(q => q.Class == PreferenceClass.Local).ToList();
        var feeders = grid is not null && local.Any(q => q.MaxDistancePu is null) ? Feeders.Of(grid) : null;
        var distances = grid is not null && local.Any(q => q.MaxDistancePu is not null) ? ElectricalDistance.Compute(grid, ElectricalDistanceMethod.ResistanceDistance) : null;
        var green = participants.Where(p => p.Assets.Any(a => AssetKinds.Of(a).Renewable)).Select(p => p.Id.ToString()).ToHashSet(StringComparer.Ordinal);

        bool IsLocal(Participant buyer, Participant seller, double? maxDistancePu)
        {
            if (grid is null)
            {
                return true;
            }

            if (buyer.Bus is not { } a || seller.Bus is not { } b)
            {
                return false;
            }

            return maxDistancePu is { } max
                ? distances!.Contains(a) && distances.Contains(b) && distances.Between(a, b) <= max
                : feeders!.SameFeeder(a, b);
        }

        var byBuyer = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (var buyer in participants.Where(p => p.Preferences.Count > 0))
        {
            var premiums = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var seller in participants.Where(s => s.Id != buyer.Id))
            {
                var sum = 0.0;
                foreach (var q in buyer.Preferences)
                {
                    var applies = q.Class switch
                    {
                        PreferenceClass.Green => green.Contains(seller.Id.ToString()),
                        PreferenceClass.Partners => q.Partners.Contains(seller.Id),
                        _ => IsLocal(buyer, seller, q.MaxDistancePu),
                    };
                    sum += applies ? (double)q.PremiumEurPerMwh : 0.0;
                }

                if (sum > 0)
                {
                    premiums[seller.Id.ToString()] = sum;
                }
            }

            byBuyer[buyer.Id.ToString()] = premiums;
        }

        return new PreferencePremiums(byBuyer);
    }

    /// <summary>The premiums of buyer <paramref name="buyerId"/> by seller id (only sellers with a premium).</summary>
    public IReadOnlyDictionary<string, double> PremiumsOf(string buyerId) =>
        _byBuyer.TryGetValue(buyerId, out var d) ? d : new Dictionary<string, double>();

    /// <summary>The premium of buyer <paramref name="buyerId"/> for energy from <paramref name="sellerId"/>, EUR/MWh (0 when none).</summary>
    public double PremiumEurPerMwh(string buyerId, string sellerId) =>
        _byBuyer.TryGetValue(buyerId, out var d) && d.TryGetValue(sellerId, out var p) ? p : 0.0;
}
