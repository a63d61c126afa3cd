using System.Collections.Concurrent;

namespace Lem.Simulation.Agents;

/// <summary>The registry of agent strategies by name.</summary>
public static class AgentStrategies
{
    private static readonly ConcurrentDictionary<string, IAgentStrategy> ByName = new(StringComparer.Ordinal);
    private static readonly List<string> Order = [];

    static AgentStrategies()
    {
        // Built-in ones register here, one line each.
        Register(new Truthful.TruthfulStrategy());
        Register(new ZeroIntelligence.ZeroIntelligenceConstrainedStrategy());
        Register(new ZeroIntelligence.ZeroIntelligenceStrategy());
        Register(new Mpc.MpcStrategy());
        Register(new Strategic.StrategicStrategy());
    }

    /// <summary>The registered names in registration order.</summary>
    public static IReadOnlyList<string> Names
    {
        get
        {
            lock (Order)
            {
                return [.. Order];
            }
        }
    }

    /// <summary>Registers <paramref name="strategy"/> (a second registration of a name is ignored).</summary>
    public static void Register(IAgentStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        lock (Order)
        {
            if (ByName.TryAdd(strategy.Name, strategy))
            {
                Order.Add(strategy.Name);
            }
        }
    }

    /// <summary>The strategy registered as <paramref name="name"/>, or false.</summary>
    public static bool TryGet(string name, out IAgentStrategy strategy) => ByName.TryGetValue(name, out strategy!);
}
