using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Lem.Domain.Validation;
using Lem.Markets.Clearing;

namespace Lem.Server.Tests;

/// <summary>
/// A clearing mechanism registered from the test assembly, when the assembly loads (so every test sees the same list of
/// mechanisms): it clears exactly like the pool and counts its calls per scenario name; a test can hold a call until it
/// releases it (to stop the server between a gate closure and its clearing result). It shows whether a restart solves again.
/// </summary>
internal sealed class CountingPoolMechanism : IClearingMechanism
{
    public const string RegisteredName = "test-counting-pool";

    private static readonly ConcurrentDictionary<string, int> Calls = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, ClearingHold> Holds = new(StringComparer.Ordinal);

    public string Name => RegisteredName;

    public string Description => "Test: the pool, counting its calls";

    public ClearingCapabilities Capabilities => Pool.Capabilities;

    private static IClearingMechanism Pool => ClearingMechanisms.Get("pool");

    /// <summary>How many times a scenario of this name was cleared.</summary>
    public static int CallsFor(string scenarioName) => Calls.GetValueOrDefault(scenarioName);

    /// <summary>Holds every clearing of a scenario of this name until the hold is released (and removed).</summary>
    public static ClearingHold Hold(string scenarioName) => Holds.GetOrAdd(scenarioName, _ => new ClearingHold());

    /// <summary>Ends the hold of a scenario name: the held clearing (if any) goes on.</summary>
    public static void Release(string scenarioName)
    {
        if (Holds.TryRemove(scenarioName, out var hold))
        {
            hold.Released.Set();
        }
    }

    public IReadOnlyList<ValidationError> Check(ClearingRequest request) => Pool.Check(request);

    public ClearingResult Clear(ClearingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = request.Market.Name;
        Calls.AddOrUpdate(name, 1, (_, n) => n + 1);
        if (Holds.TryGetValue(name, out var hold))
        {
            hold.Entered.Release();
            hold.Released.Wait(TimeSpan.FromMinutes(2));
        }

        return Pool.Clear(request) with { Mechanism = RegisteredName };
    }

    /// <summary>
    /// Registers this mechanism and the toy <see cref="Lem.Testing.Toy.SelfSupplyMechanism"/> when the assembly loads, so
    /// that no test sees the registry change under it (a test that lists the mechanisms runs in parallel with the others).
    /// </summary>
#pragma warning disable CA2255 // The test assembly registers its mechanisms before any test lists the registry.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Register()
    {
        ClearingMechanisms.Register(new CountingPoolMechanism());
        _ = Lem.Testing.Toy.SelfSupplyMechanism.Instance;
    }
}
