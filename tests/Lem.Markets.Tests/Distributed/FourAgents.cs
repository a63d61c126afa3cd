using Lem.Markets.Distributed;

namespace Lem.Markets.Tests.Distributed;

/// <summary>The four agents of docs/mechanisms/admm.md#worked-example-four-agents: producers 1, 2 and consumers 3, 4.</summary>
internal static class FourAgents
{
    public static IReadOnlyList<IAgent> Create(IReadOnlyDictionary<string, IReadOnlyDictionary<string, double>>? preferences = null)
    {
        IReadOnlyDictionary<string, double>? Pref(string id) => preferences is not null && preferences.TryGetValue(id, out var p) ? p : null;
        return
        [
            LocalAgent.Quadratic("1", 1, 10, 0, 20, Pref("1")),
            LocalAgent.Quadratic("2", 2, 12, 0, 20, Pref("2")),
            LocalAgent.Quadratic("3", 1, 30, -20, 0, Pref("3")),
            LocalAgent.Quadratic("4", 2, 35, -15, 0, Pref("4")),
        ];
    }

    public static readonly double[] Equilibrium = [11.1667, 4.5833, -8.8333, -6.9167];

    public const double Price = 127.0 / 6.0;
}
