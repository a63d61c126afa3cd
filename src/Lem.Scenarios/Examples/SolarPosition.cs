namespace Lem.Scenarios.Examples;

/// <summary>Sun position and clear-sky irradiance, for synthetic PV profiles.</summary>
public static class SolarPosition
{
    /// <summary>
    /// The cosine of the solar zenith angle at a UTC time and a site (NOAA's general solar position equations,
    /// accurate to a fraction of a degree, which is plenty for profiles).
    /// </summary>
    public static double CosZenith(DateTime utc, double latitudeDeg, double longitudeDeg)
    {
        var hour = utc.Hour + utc.Minute / 60.0 + utc.Second / 3600.0;
        var gamma = 2 * Math.PI / (DateTime.IsLeapYear(utc.Year) ? 366 : 365) * (utc.DayOfYear - 1 + (hour - 12) / 24);
        var eqTimeMin = 229.18 * (0.000075 + 0.001868 * Math.Cos(gamma) - 0.032077 * Math.Sin(gamma) - 0.014615 * Math.Cos(2 * gamma) - 0.040849 * Math.Sin(2 * gamma));
        var decl = 0.006918 - 0.399912 * Math.Cos(gamma) + 0.070257 * Math.Sin(gamma) - 0.006758 * Math.Cos(2 * gamma)
                   + 0.000907 * Math.Sin(2 * gamma) - 0.002697 * Math.Cos(3 * gamma) + 0.00148 * Math.Sin(3 * gamma);
        var trueSolarMin = hour * 60 + eqTimeMin + 4 * longitudeDeg;
        var hourAngle = (trueSolarMin / 4 - 180) * Math.PI / 180;
        var lat = latitudeDeg * Math.PI / 180;
        return Math.Sin(lat) * Math.Sin(decl) + Math.Cos(lat) * Math.Cos(decl) * Math.Cos(hourAngle);
    }

    /// <summary>Clear-sky global horizontal irradiance in W/m² (Haurwitz 1945): 1098·cos z·exp(−0.057/cos z).</summary>
    public static double ClearSkyGhiWm2(double cosZenith) => cosZenith <= 0 ? 0 : 1098 * cosZenith * Math.Exp(-0.057 / cosZenith);
}
