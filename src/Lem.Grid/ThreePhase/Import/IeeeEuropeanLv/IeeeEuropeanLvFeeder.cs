namespace Lem.Grid.ThreePhase.Import.IeeeEuropeanLv;

/// <summary>
/// The IEEE PES European LV Test Feeder read from its CSV package (docs/three-phase.md): the network with the loads of
/// one minute, and every load's one-minute profile, so that any other minute is a cheap <see cref="AtMinute"/>.
/// </summary>
public sealed record IeeeEuropeanLvFeeder
{
    /// <summary>The network with the loads of <see cref="Minute"/>; its loads are in the order of <see cref="Profiles"/>.</summary>
    public required ThreePhaseNetwork Network { get; init; }

    /// <summary>The minute (1-based) whose loads <see cref="Network"/> holds.</summary>
    public required int Minute { get; init; }

    /// <summary>The number of minutes of the profiles (1440 in the package).</summary>
    public required int Minutes { get; init; }

    /// <summary>The load profiles, one per load of <see cref="Network"/>, in the same order.</summary>
    public required IReadOnlyList<IeeeEuropeanLvLoadProfile> Profiles { get; init; }

    /// <summary>The active power in kW of load <paramref name="load"/> (its position) in minute <paramref name="minute"/> (1-based).</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the minute is not in 1..<see cref="Minutes"/>.</exception>
    public double PowerKw(int load, int minute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minute, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minute, Minutes);
        return Profiles[load].PowerKw[minute - 1];
    }

    /// <summary>The network with the loads of minute <paramref name="minute"/> (1-based); everything else is shared.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the minute is not in 1..<see cref="Minutes"/>.</exception>
    public ThreePhaseNetwork AtMinute(int minute) => Network with { Loads = LoadsAt(minute) };

    /// <summary>The loads of minute <paramref name="minute"/> (1-based), in the order of the network's loads.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When the minute is not in 1..<see cref="Minutes"/>.</exception>
    public IReadOnlyList<ThreePhaseLoad> LoadsAt(int minute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minute, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(minute, Minutes);
        var loads = new ThreePhaseLoad[Network.Loads.Count];
        for (var k = 0; k < loads.Length; k++)
        {
            var profile = Profiles[k];
            var p = profile.PowerKw[minute - 1];
            loads[k] = Network.Loads[k] with
            {
                PowerKw = OnPhase(profile.Phase, p),
                ReactivePowerKvar = OnPhase(profile.Phase, p * profile.ReactivePerActive),
            };
        }

        return loads;
    }

    /// <summary>A three-entry per-phase vector with <paramref name="value"/> on <paramref name="phase"/> and zero elsewhere.</summary>
    internal static double[] OnPhase(Phase phase, double value)
    {
        var values = new double[3];
        values[(int)phase] = value;
        return values;
    }
}
