namespace Lem.Markets.Flexibility.Clearing;

/// <summary>The names of <see cref="FlexClearingStatus"/> as JSON spells them.</summary>
public static class FlexClearingStatusNames
{
    /// <summary>The snake-case name.</summary>
    public static string Of(FlexClearingStatus status) => status switch
    {
        FlexClearingStatus.Cleared => "cleared",
        FlexClearingStatus.InsufficientFlexibility => "insufficient_flexibility",
        FlexClearingStatus.ViolationsRemain => "violations_remain",
        _ => "power_flow_failed",
    };
}
