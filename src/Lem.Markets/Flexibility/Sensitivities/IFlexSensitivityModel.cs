namespace Lem.Markets.Flexibility.Sensitivities;

/// <summary>
/// A linear model of how flows and voltages respond to injections (LinDistFlow on radial feeders, PTDF/DC on meshed
/// grids), registered in <see cref="FlexSensitivityModels"/>.
/// </summary>
public interface IFlexSensitivityModel
{
    /// <summary>The name as the CLI and scenarios spell it.</summary>
    string Name { get; }

    /// <summary>Returns why the model cannot represent the network, or null.</summary>
    string? CannotRepresent(NetworkIndex index);

    /// <summary>Prepares the model for a network.</summary>
    IFlexLinearisation Prepare(NetworkIndex index);
}
