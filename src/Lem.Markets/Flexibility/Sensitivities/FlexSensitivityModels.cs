namespace Lem.Markets.Flexibility.Sensitivities;

/// <summary>
/// The registry of sensitivity models by name, with <c>auto</c>: LinDistFlow where the grid is a radial feeder, DC
/// otherwise; <c>lindist3flow</c> (per phase, docs/three-phase.md#flexibility-on-three-phases) only by name.
/// </summary>
public static class FlexSensitivityModels
{
    private static readonly IReadOnlyList<IFlexSensitivityModel> Auto = [new LinDistFlowSensitivityModel(), new PtdfSensitivityModel()];

    private static readonly IReadOnlyList<IFlexSensitivityModel> All = [.. Auto, new LinDist3FlowSensitivityModel()];

    /// <summary>The names, <c>auto</c> first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", .. All.Select(m => m.Name)];

    /// <summary>The model of a name; <c>auto</c> picks the first model that can represent the network.</summary>
    /// <exception cref="ArgumentException">When the name is unknown or the model cannot represent the network.</exception>
    public static IFlexSensitivityModel Choose(string name, NetworkIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        if (name == "auto")
        {
            return Auto.FirstOrDefault(m => m.CannotRepresent(index) is null)
                ?? throw new ArgumentException($"No sensitivity model represents the network: {Auto[^1].CannotRepresent(index)}", nameof(index));
        }

        var model = All.FirstOrDefault(m => m.Name == name)
            ?? throw new ArgumentException($"Unknown sensitivity model '{name}'; use one of {string.Join(", ", Names)}.", nameof(name));
        return model.CannotRepresent(index) is { } why ? throw new ArgumentException(why, nameof(name)) : model;
    }
}
