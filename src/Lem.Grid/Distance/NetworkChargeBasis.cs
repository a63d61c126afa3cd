namespace Lem.Grid.Distance;

/// <summary>
/// What a P2P network charge depends on (docs/network-charges.md#charges): the electrical distance between the partners
/// (<see cref="DistanceChargeBasis"/>), nothing (<see cref="UniformChargeBasis"/>, postage stamp) or whether they are in
/// different zones (<see cref="ZonalChargeBasis"/>).
/// </summary>
public abstract record NetworkChargeBasis
{
    /// <summary>Only the bases of this assembly derive from this record.</summary>
    private protected NetworkChargeBasis()
    {
    }
}
