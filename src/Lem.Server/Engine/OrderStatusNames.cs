namespace Lem.Server.Engine;

/// <summary>The wire names of <see cref="OrderStatus"/> (JSON answers and the store's <c>status</c> column).</summary>
internal static class OrderStatusNames
{
    /// <summary>The wire name of a status.</summary>
    public static string Name(OrderStatus status) => status switch
    {
        OrderStatus.Open => "open",
        OrderStatus.Filled => "filled",
        OrderStatus.Cancelled => "cancelled",
        OrderStatus.Expired => "expired",
        OrderStatus.Rejected => "rejected",
        OrderStatus.Cleared => "cleared",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown order status."),
    };
}
