namespace Lem.Markets.Flexibility.Baselines;

/// <summary>
/// A baseline method (docs/mechanisms/flexibility.md#baselines): the net injection an FSP's portfolio would have had
/// in each slot without any order, against which delivered flexibility is settled. Methods plug in through
/// <see cref="FlexBaselines"/>; one file each.
/// </summary>
public interface IFlexBaseline
{
    /// <summary>The method's name as scenarios spell it.</summary>
    string Name { get; }

    /// <summary>Returns why the method cannot give a baseline for the FSP from the market's data, or null.</summary>
    string? Check(FlexMarket market, ParticipantId fsp);

    /// <summary>The FSP's baseline net injection per slot (kW, injection positive); call only when <see cref="Check"/> is null.</summary>
    IReadOnlyList<double> BaselineKw(FlexMarket market, ParticipantId fsp);
}
