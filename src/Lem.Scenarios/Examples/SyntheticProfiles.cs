using Lem.Domain.Sampling;
using NodaTime;

namespace Lem.Scenarios.Examples;

/// <summary>
/// Synthetic but realistic profiles for example and benchmark scenarios: household loads with morning and evening
/// peaks, PV from the sun's position with passing clouds, a shared clear-sky index. Deterministic for a given generator.
/// </summary>
public static class SyntheticProfiles
{
    /// <summary>A clear-sky index per slot, shared by a neighbourhood: an AR(1) process around 0.82, clipped to [0.25, 1].</summary>
    public static double[] CloudIndex(int count, SplitMix64 rng)
    {
        // Clear-sky index shared by the village: a mostly sunny day with passing clouds, AR(1) in 15-minute steps.
        var k = new double[count];
        var x = 0.0;
        for (var t = 0; t < count; t++)
        {
            x = 0.85 * x + 0.35 * rng.Normal();
            k[t] = Math.Clamp(0.82 + 0.18 * x, 0.25, 1.0);
        }

        return k;
    }

    /// <summary>A household's consumption per slot in kW: standby plus breakfast, lunch, evening and late bumps, scaled to the daily energy, with noise.</summary>
    public static double[] HouseholdLoad(IReadOnlyList<DeliverySlot> slots, DateTimeZone zone, double dailyKwh, double shiftHours, SplitMix64 rng)
    {
        var shape = new double[slots.Count];
        for (var t = 0; t < slots.Count; t++)
        {
            var local = LocalHour(slots[t], zone) - shiftHours;
            shape[t] = 0.35                                   // standby and fridge
                       + 1.0 * Bump(local, 7.0, 0.9)          // breakfast
                       + 0.55 * Bump(local, 12.5, 1.2)        // lunch
                       + 1.6 * Bump(local, 19.5, 1.6)         // evening: cooking, lights, TV
                       + 0.3 * Bump(local, 22.5, 1.0);        // late evening
        }

        var total = shape.Sum() * 0.25;
        var values = new double[slots.Count];
        for (var t = 0; t < slots.Count; t++)
        {
            var noise = 1 + 0.22 * rng.Normal();
            values[t] = Math.Max(0.05, shape[t] / total * dailyKwh * noise);
        }

        return values;
    }

    /// <summary>A PV system's available output per slot in kW (clear-sky irradiance × performance ratio × orientation × cloud index).</summary>
    public static double[] Pv(IReadOnlyList<DeliverySlot> slots, double capacityKw, double orientation, double[] cloud, SplitMix64 rng, double latitudeDeg, double longitudeDeg)
    {
        const double performanceRatio = 0.84;
        var values = new double[slots.Count];
        for (var t = 0; t < slots.Count; t++)
        {
            var mid = slots[t].Start + Duration.FromMinutes(7.5);
            var cosZ = SolarPosition.CosZenith(mid.ToDateTimeUtc(), latitudeDeg, longitudeDeg);
            var ghi = SolarPosition.ClearSkyGhiWm2(cosZ);
            var local = Math.Clamp(cloud[t] * (1 + 0.04 * rng.Normal()), 0.2, 1.0);
            values[t] = Math.Min(capacityKw, capacityKw * ghi / 1000 * performanceRatio * orientation * local);
        }

        return values;
    }

    /// <summary>The local hour (with fraction) of a slot's midpoint.</summary>
    public static double LocalHour(DeliverySlot slot, DateTimeZone zone)
    {
        var local = (slot.Start + Duration.FromMinutes(7.5)).InZone(zone);
        return local.Hour + local.Minute / 60.0;
    }

    /// <summary>A Gaussian bump of height 1 at <paramref name="center"/> hours.</summary>
    public static double Bump(double hour, double center, double width)
    {
        var d = hour - center;
        return Math.Exp(-0.5 * d * d / (width * width));
    }
}
