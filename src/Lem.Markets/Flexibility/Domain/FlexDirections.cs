namespace Lem.Markets.Flexibility.Domain;

/// <summary>Names and signs of <see cref="FlexDirection"/>.</summary>
public static class FlexDirections
{
    /// <summary>The names as scenarios and JSON spell them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["up", "down"];

    /// <summary>+1 for up (injection rises), −1 for down.</summary>
    public static double Sign(this FlexDirection direction) => direction == FlexDirection.Up ? 1.0 : -1.0;

    /// <summary>The name: <c>up</c> or <c>down</c>.</summary>
    public static string Name(this FlexDirection direction) => direction == FlexDirection.Up ? "up" : "down";

    /// <summary>Parses <c>up</c> or <c>down</c>.</summary>
    public static bool TryParse(string? name, out FlexDirection direction)
    {
        direction = name == "down" ? FlexDirection.Down : FlexDirection.Up;
        return name is "up" or "down";
    }
}
