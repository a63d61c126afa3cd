using Lem.Grid.PowerFlow;

namespace Lem.Cli.Output;

/// <summary>The names JSON output uses for enumerations.</summary>
public static class JsonNames
{
    /// <summary>under_voltage, over_voltage or thermal_overload.</summary>
    public static string Of(ViolationKind kind) => kind switch
    {
        ViolationKind.UnderVoltage => "under_voltage",
        ViolationKind.OverVoltage => "over_voltage",
        _ => "thermal_overload",
    };
}
