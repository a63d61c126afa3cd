namespace Lem.Grid.PowerFlow;

/// <summary>The names outputs use for <see cref="ViolationKind"/> values.</summary>
public static class ViolationKindNames
{
    /// <summary>under_voltage, over_voltage or thermal_overload.</summary>
    public static string Of(ViolationKind kind) => kind switch
    {
        ViolationKind.UnderVoltage => "under_voltage",
        ViolationKind.OverVoltage => "over_voltage",
        _ => "thermal_overload",
    };
}
