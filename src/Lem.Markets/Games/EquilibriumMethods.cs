namespace Lem.Markets.Games;

/// <summary>The registry of equilibrium methods by name (docs/games.md#solution-methods).</summary>
public static class EquilibriumMethods
{
    private static readonly List<IEquilibriumMethod> Registered = [];

    static EquilibriumMethods()
    {
        Register(new PotentialGameMethod());
        Register(new BestResponseMethod());
        Register(new LcpMethod());
    }

    /// <summary>The registered names in registration order.</summary>
    public static IReadOnlyList<string> Names => [.. Registered.Select(m => m.Name)];

    /// <summary>Adds a method.</summary>
    /// <exception cref="ArgumentException">When the name is taken.</exception>
    public static void Register(IEquilibriumMethod method)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (Registered.Any(m => m.Name == method.Name))
        {
            throw new ArgumentException($"An equilibrium method '{method.Name}' is already registered.", nameof(method));
        }

        Registered.Add(method);
    }

    /// <summary>The method of a name.</summary>
    /// <exception cref="ArgumentException">When no method has the name.</exception>
    public static IEquilibriumMethod ByName(string name) =>
        Registered.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentException($"Unknown equilibrium method '{name}'; use one of {string.Join(", ", Names)}.", nameof(name));
}
