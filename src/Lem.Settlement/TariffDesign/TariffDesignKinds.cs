namespace Lem.Settlement.TariffDesign;

/// <summary>The registry of the tariff designs the DSO can choose from, by name.</summary>
public static class TariffDesignKinds
{
    private static readonly List<ITariffDesignKind> Registered = [];

    static TariffDesignKinds()
    {
        Register(new VolumetricTariffDesign());
        Register(new NetMeteringTariffDesign());
        Register(new CapacityTariffDesign());
        Register(new TouTariffDesign());
    }

    /// <summary>The names in registration order.</summary>
    public static IReadOnlyList<string> Names => [.. Registered.Select(k => k.Name)];

    /// <summary>Adds a design.</summary>
    /// <exception cref="ArgumentException">When the name is taken.</exception>
    public static void Register(ITariffDesignKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (Registered.Any(k => k.Name == kind.Name))
        {
            throw new ArgumentException($"A tariff design '{kind.Name}' is already registered.", nameof(kind));
        }

        Registered.Add(kind);
    }

    /// <summary>The design of a name, or null.</summary>
    public static ITariffDesignKind? Find(string name) => Registered.FirstOrDefault(k => k.Name == name);
}
