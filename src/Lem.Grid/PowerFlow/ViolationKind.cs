namespace Lem.Grid.PowerFlow;

/// <summary>The kind of limit a power-flow solution breaks.</summary>
public enum ViolationKind
{
    /// <summary>Bus voltage below its minimum.</summary>
    UnderVoltage,

    /// <summary>Bus voltage above its maximum.</summary>
    OverVoltage,

    /// <summary>Branch loading above 100 % of its thermal limit.</summary>
    ThermalOverload,
}
