namespace Lem.Grid.Network;

/// <summary>Builds <see cref="Line"/> records from physical cable or overhead-line data, converting to per unit.</summary>
/// <remarks>
/// Per unit on the network's base power and the from-bus nominal voltage: Z_base = V_n² / S_base.
/// r = r'·l / n / Z_base, x = x'·l / n / Z_base, b = 2πf·c'·l·n·Z_base, g = g'·l·n·Z_base for n parallel systems;
/// the thermal rating is √3·I_max·df·n·V_n (pandapower's convention).
/// </remarks>
public static class LineModel
{
    /// <summary>A line from per-kilometre data, as pandapower's line table gives it.</summary>
    /// <param name="id">The line's id.</param>
    /// <param name="from">The from bus.</param>
    /// <param name="to">The to bus.</param>
    /// <param name="nominalKv">The from bus's nominal voltage in kV.</param>
    /// <param name="baseMva">The network's base power in MVA.</param>
    /// <param name="frequencyHz">The system frequency.</param>
    /// <param name="lengthKm">The length in km.</param>
    /// <param name="rOhmPerKm">Series resistance per km.</param>
    /// <param name="xOhmPerKm">Series reactance per km.</param>
    /// <param name="cNfPerKm">Capacitance per km in nF.</param>
    /// <param name="gUsPerKm">Shunt conductance per km in µS.</param>
    /// <param name="maxCurrentKa">The thermal current limit of one system in kA, or null when unlimited.</param>
    /// <param name="deratingFactor">Derating factor applied to the current limit (pandapower's <c>df</c>).</param>
    /// <param name="parallel">Number of parallel systems.</param>
    public static Line FromPerKm(
        string id,
        BusId from,
        BusId to,
        double nominalKv,
        double baseMva,
        double frequencyHz,
        double lengthKm,
        double rOhmPerKm,
        double xOhmPerKm,
        double cNfPerKm,
        double gUsPerKm = 0,
        double? maxCurrentKa = null,
        double deratingFactor = 1,
        int parallel = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        var zBase = nominalKv * nominalKv / baseMva;
        return new Line
        {
            Id = id,
            FromBus = from,
            ToBus = to,
            RPu = rOhmPerKm * lengthKm / parallel / zBase,
            XPu = xOhmPerKm * lengthKm / parallel / zBase,
            BPu = 2 * Math.PI * frequencyHz * cNfPerKm * 1e-9 * lengthKm * parallel * zBase,
            GPu = gUsPerKm * 1e-6 * lengthKm * parallel * zBase,
            RatingMva = maxCurrentKa is null ? null : Math.Sqrt(3) * maxCurrentKa.Value * deratingFactor * parallel * nominalKv,
            PerKm = new LinePerKmData(lengthKm, rOhmPerKm, xOhmPerKm, cNfPerKm),
            MaxCurrentKa = maxCurrentKa,
            Parallel = parallel,
        };
    }

    /// <summary>A line from its total series impedance in ohm and total charging susceptance in µS.</summary>
    /// <param name="id">The line's id.</param>
    /// <param name="from">The from bus.</param>
    /// <param name="to">The to bus.</param>
    /// <param name="nominalKv">The from bus's nominal voltage in kV.</param>
    /// <param name="baseMva">The network's base power in MVA.</param>
    /// <param name="rOhm">Total series resistance.</param>
    /// <param name="xOhm">Total series reactance.</param>
    /// <param name="bMicroSiemens">Total charging susceptance.</param>
    /// <param name="maxCurrentKa">The thermal current limit in kA, or null when unlimited.</param>
    public static Line FromOhm(string id, BusId from, BusId to, double nominalKv, double baseMva, double rOhm, double xOhm, double bMicroSiemens, double? maxCurrentKa = null)
    {
        var zBase = nominalKv * nominalKv / baseMva;
        return new Line
        {
            Id = id,
            FromBus = from,
            ToBus = to,
            RPu = rOhm / zBase,
            XPu = xOhm / zBase,
            BPu = bMicroSiemens * 1e-6 * zBase,
            RatingMva = maxCurrentKa is null ? null : Math.Sqrt(3) * maxCurrentKa.Value * nominalKv,
            MaxCurrentKa = maxCurrentKa,
        };
    }
}
