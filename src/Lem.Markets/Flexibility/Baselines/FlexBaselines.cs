namespace Lem.Markets.Flexibility.Baselines;

/// <summary>The registry of baseline methods by name: <c>prognosis</c> (the default), <c>nomination</c> and <c>x_of_y</c>.</summary>
public static class FlexBaselines
{
    private static readonly IReadOnlyList<IFlexBaseline> All = [new PrognosisBaseline(), new NominationBaseline(), new XOfYDaysBaseline()];

    /// <summary>The method names, the default first.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(b => b.Name)];

    /// <summary>Finds a method by name.</summary>
    public static bool TryGet(string name, out IFlexBaseline baseline)
    {
        baseline = All.FirstOrDefault(b => b.Name == name)!;
        return baseline is not null;
    }
}
