using Lem.Markets.Flexibility.Products;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem bench flex</c>: the DSO's flexibility clearing (automatic requests, selection, AC check and relinearisation
/// rounds) on the radial1001 benchmark grid with a deterministic seeded case (docs/mechanisms/flexibility.md#performance).
/// </summary>
/// <remarks>
/// The case: 100 feeders of 10 buses; slot t takes step t of the benchmark's load profiles. Fifteen feeders carry an
/// evening peak (loads × 3.4, plus up to × 1.0 around 19:00), which overloads their head cables; fifteen others carry PV
/// on their outer five buses (up to 3.4 MW each around noon), which lifts their voltages above 1.1 p.u.; the rest keep the profile's loads.
/// One congestion point per feeder. Offers: half spread evenly over all feeders, half over the thirty stressed ones
/// (mostly up on the evening feeders, mostly down on the PV feeders), 100–600 kW at 30–300 EUR/MWh, 10 % reactive only,
/// 20 % with a reactive part, 30 % with a minimum activation factor, each valid for a cyclic window of a quarter to all
/// of the slots, 40 FSPs.
/// </remarks>
internal static class FlexBench
{
    private const int Feeders = 100;
    private const int BusesPerFeeder = 10;
    private const int StressedFeeders = 15;

    /// <summary>Builds the case; null (with the reason) when the grid or profiles cannot be read.</summary>
    public static (GridNetwork Grid, FlexMarket Market)? Case(string dir, int offers, int slots, int seed, out string? error)
    {
        var gridPath = Path.Combine(dir, "benchmark", "radial1001.m");
        var import = GridImporter.Import(gridPath);
        if (!import.Succeeded)
        {
            error = $"{gridPath}: {string.Join("; ", import.Errors.Select(e => e.Message))}";
            return null;
        }

        var profilePath = Path.Combine(dir, "benchmark", "radial1001_profiles.csv.gz");
        var read = LoadProfile.ReadCsv(profilePath);
        if (read.Profile is null || read.Errors.Count > 0 || read.Profile.LoadCount != Feeders * BusesPerFeeder)
        {
            error = $"{profilePath}: {string.Join("; ", read.Errors.Select(e => e.Message))} (expected {Feeders * BusesPerFeeder} loads)";
            return null;
        }

        error = null;
        var grid = import.Network!;
        return (grid, Market(read.Profile, offers, slots, seed));
    }

    /// <summary>The market of the case on the profiles (deterministic for a seed).</summary>
    public static FlexMarket Market(LoadProfile profile, int offers, int slots, int seed)
    {
        var random = new Random(seed);
        var order = Enumerable.Range(0, Feeders).OrderBy(_ => random.Next()).ToArray();
        var evening = order.Take(StressedFeeders).ToHashSet();
        var pv = order.Skip(StressedFeeders).Take(StressedFeeders).ToHashSet();
        var stressed = order.Take(2 * StressedFeeders).ToArray();
        var hoursPerSlot = 24.0 / slots;

        var prognoses = new List<FlexPrognosis>(Feeders * BusesPerFeeder);
        for (var load = 0; load < Feeders * BusesPerFeeder; load++)
        {
            var feeder = load / BusesPerFeeder;
            var p = new double[slots];
            var q = new double[slots];
            for (var t = 0; t < slots; t++)
            {
                var hour = (t + 0.5) * hoursPerSlot;
                var step = t % profile.StepCount;
                var factor = evening.Contains(feeder) ? 3.4 + (1.0 * Math.Exp(-Math.Pow((hour - 19) / 1.5, 2))) : 1.0;
                var solarMw = pv.Contains(feeder) && load % BusesPerFeeder >= BusesPerFeeder / 2 && hour is > 6 and < 18 ? 3.4 * Math.Sin(Math.PI * (hour - 6) / 12) : 0;
                p[t] = Math.Round(((solarMw - (factor * profile.PMwAt(step)[load])) * 1000), 3);
                q[t] = Math.Round(-factor * profile.QMvarAt(step)[load] * 1000, 3);
            }

            prognoses.Add(new FlexPrognosis(Bus(load), p, q));
        }

        var list = new List<FlexOffer>(offers);
        for (var i = 0; i < offers; i++)
        {
            var feeder = i % 2 == 0 ? (i / 2) % Feeders : stressed[random.Next(stressed.Length)];
            var upShare = evening.Contains(feeder) ? 0.75 : pv.Contains(feeder) ? 0.25 : 0.5;
            var direction = random.NextDouble() < upShare ? FlexDirection.Up : FlexDirection.Down;
            var kind = random.NextDouble();
            var kw = Math.Round(100 + (500 * random.NextDouble()), 1);
            var (powerKw, reactiveKvar) = kind < 0.1 ? (0.0, kw) : kind < 0.3 ? (kw, Math.Round(0.3 * kw, 1)) : (kw, 0.0);
            var length = (slots / 4) + random.Next((3 * slots / 4) + 1);
            var first = random.Next(slots);
            list.Add(new FlexOffer
            {
                Id = string.Create(CultureInfo.InvariantCulture, $"o{i:0000}"),
                Fsp = new ParticipantId(string.Create(CultureInfo.InvariantCulture, $"fsp{i % 40:00}")),
                Bus = Bus((feeder * BusesPerFeeder) + random.Next(BusesPerFeeder)),
                Product = FlexProducts.Activation,
                Direction = direction,
                PowerKw = powerKw,
                ReactiveKvar = reactiveKvar,
                PriceEurPerMwh = Math.Round(30 + (270 * random.NextDouble()), 2),
                MinActivationFactor = random.NextDouble() < 0.3 ? Math.Round(0.2 + (0.5 * random.NextDouble()), 2) : 0,
                Slots = [.. Enumerable.Range(0, Math.Min(length, slots)).Select(k => (first + k) % slots).Order()],
            });
        }

        return new FlexMarket
        {
            SlotCount = slots,
            SlotHours = hoursPerSlot,
            AutomaticRequests = true,
            PrognosesReplaceGridInjections = true,
            Prognoses = prognoses,
            CongestionPoints = [.. Enumerable.Range(0, Feeders).Select(f => new CongestionPoint(
                string.Create(CultureInfo.InvariantCulture, $"feeder{f:00}"),
                new ParticipantId("dso"),
                [.. Enumerable.Range(0, BusesPerFeeder).Select(j => Bus((f * BusesPerFeeder) + j))]))],
            Offers = list,
        };
    }

    /// <summary>Clears the case once to warm up, then <paramref name="runs"/> times, and returns the figures (median total time).</summary>
    public static List<(string Key, double Value, string Unit, string What)> Measure(GridNetwork grid, FlexMarket market, int runs)
    {
        var options = FlexClearingOptions.Default;
        FlexClearing.Clear(market, grid, options);
        var results = new List<(FlexClearingResult Result, double CpuSeconds)>(runs);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        for (var r = 0; r < runs; r++)
        {
            process.Refresh();
            var cpu = process.TotalProcessorTime;
            var result = FlexClearing.Clear(market, grid, options);
            process.Refresh();
            results.Add((result, (process.TotalProcessorTime - cpu).TotalSeconds));
        }

        var (median, cpuSeconds) = results.OrderBy(r => r.Result.Timings.TotalSeconds).ElementAt(runs / 2);
        var last = results[^1].Result;
        var t = median.Timings;
        var before = last.ViolationsBefore.ToList();
        var after = last.ViolationsAfter.ToList();
        var label = $"radial1001, {market.Offers.Count} offers × {market.SlotCount} slots";
        var load = LoadAverage();
        return
        [
            ("flex_total_s", t.TotalSeconds, "s", $"{label}: automatic requests + selection + AC check and relinearisation rounds, {last.Status} (median of {runs})"),
            ("flex_cpu_s", cpuSeconds, "s", "processor time of the whole process during the median run (all threads; on an idle machine the wall time is about this over the processors used)"),
            ("flex_needs_s", t.NeedsSeconds, "s", "the DSO's needs: AC power flow of every baseline, requests (median run)"),
            ("flex_sensitivities_s", t.SensitivitiesSeconds, "s", "sensitivity model and linear states (median run, summed over slots)"),
            ("flex_lp_s", t.LinearProblemSeconds, "s", "selection problems: build, solve, cuts (median run, summed over slots)"),
            ("flex_ac_check_s", t.AcCheckSeconds, "s", "AC power flows of the baselines and selections in the clearing (median run, summed over slots)"),
            ("rounds", last.Rounds, string.Empty, "the most linearise–clear–AC-check rounds any slot needed"),
            ("requests", Lem.Markets.Flexibility.Requests.FlexNeedsAnalysis.Analyse(market, grid, options).Requests.Count, string.Empty, "automatic requests (congestion point × slot × direction)"),
            ("violations_before", before.Count, string.Empty, $"AC violations of the baselines: {Kinds(before)} in {before.Select(v => v.Slot).Distinct().Count()} slots"),
            ("violations_after", after.Count, string.Empty, $"AC violations after the clearing: {Kinds(after)}"),
            ("orders", last.Orders.Count, string.Empty, $"orders, {last.Orders.Select(o => o.Offer.Id).Distinct().Count()} distinct offers"),
            ("cost_eur", (double)last.CostEur, "EUR", $"{last.Pricing}"),
            ("load_average_1min", load, string.Empty, $"machine load (/proc/loadavg) at the end, {Environment.ProcessorCount} logical processors"),
        ];
    }

    private static string Kinds(IEnumerable<FlexViolation> violations)
    {
        var groups = violations.GroupBy(v => v.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}").ToList();
        return groups.Count == 0 ? "none" : string.Join(", ", groups);
    }

    private static double LoadAverage()
    {
        try
        {
            var text = File.ReadAllText("/proc/loadavg");
            return double.Parse(text.Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
        catch (UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }

    private static BusId Bus(int load) => new((load + 2).ToString(CultureInfo.InvariantCulture));
}
