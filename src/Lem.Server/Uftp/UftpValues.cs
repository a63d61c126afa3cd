using System.Text.RegularExpressions;
using System.Xml;

namespace Lem.Server.Uftp;

/// <summary>Checks attribute values against the UFTP simple types (the patterns and facets of the schema, docs/uftp.md).</summary>
internal static partial class UftpValues
{
    /// <summary>True when <paramref name="value"/> is a valid lexical value of <paramref name="type"/>.</summary>
    public static bool IsValid(UftpValueType type, string value) => type switch
    {
        UftpValueType.Text => true,
        UftpValueType.Uuid => UuidPattern().IsMatch(value),
        UftpValueType.Domain => DomainPattern().IsMatch(value),
        UftpValueType.Version => VersionPattern().IsMatch(value),
        UftpValueType.DateTime => DateTimePattern().IsMatch(value) && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        UftpValueType.Duration => IsDuration(value),
        UftpValueType.Date => TryDate(value, out _),
        UftpValueType.TimeZone => TimeZonePattern().IsMatch(value),
        UftpValueType.EntityAddress => EntityAddressPattern().IsMatch(value),
        UftpValueType.Integer => TryInteger(value, out _),
        UftpValueType.PositiveInteger => TryInteger(value, out var n) && n > 0,
        UftpValueType.Boolean => value.Trim() is "true" or "false" or "1" or "0",
        UftpValueType.Currency => CurrencyPattern().IsMatch(value),
        UftpValueType.Amount => TryDecimal(value, 4, out _),
        UftpValueType.ActivationFactor => TryDecimal(value, 2, out var f) && f >= 0.01m && f <= 1m,
        UftpValueType.Role => value is "AGR" or "CRO" or "DSO",
        UftpValueType.AcceptedRejected => value is "Accepted" or "Rejected",
        UftpValueType.AcceptedDisputed => value is "Accepted" or "Disputed",
        UftpValueType.Base64 => IsBase64(value),
        _ => false,
    };

    /// <summary>Parses an <c>xs:integer</c> that fits 64 bits.</summary>
    public static bool TryInteger(string value, out long result) =>
        IntegerPattern().IsMatch(value.Trim()) & long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);

    /// <summary>Parses an <c>xs:decimal</c> with at most <paramref name="fractionDigits"/> significant fraction digits.</summary>
    public static bool TryDecimal(string value, int fractionDigits, out decimal result)
    {
        result = 0;
        var text = value.Trim();
        if (!DecimalPattern().IsMatch(text) || !decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out result))
        {
            return false;
        }

        var normalized = Views.Normalize(result);
        return normalized.Scale <= fractionDigits;
    }

    /// <summary>Parses a <c>PeriodType</c> (<c>xs:date</c>; a time-zone suffix is allowed and ignored).</summary>
    public static bool TryDate(string value, out DateOnly date)
    {
        date = default;
        var match = DatePattern().Match(value.Trim());
        return match.Success && DateOnly.TryParseExact(match.Groups[1].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    /// <summary>Parses an <c>xs:duration</c>.</summary>
    public static bool TryDuration(string value, out TimeSpan duration)
    {
        duration = default;
        try
        {
            duration = XmlConvert.ToTimeSpan(value.Trim());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    private static bool IsDuration(string value) => TryDuration(value, out _);

    private static bool IsBase64(string value)
    {
        var buffer = new byte[(value.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(value, buffer, out _);
    }

    [GeneratedRegex("^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$")]
    private static partial Regex UuidPattern();

    [GeneratedRegex("^([a-z0-9]+(-[a-z0-9]+)*\\.)+[a-z]{2,}$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex("^\\d+\\.\\d+\\.\\d+$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{0,9})?([+-]\\d{2}:\\d{2}|Z)$")]
    private static partial Regex DateTimePattern();

    [GeneratedRegex("^(\\d{4}-\\d{2}-\\d{2})(Z|[+-]\\d{2}:\\d{2})?$")]
    private static partial Regex DatePattern();

    [GeneratedRegex("^(Africa|America|Australia|Europe|Pacific)/[a-zA-Z0-9_/]{3,}$")]
    private static partial Regex TimeZonePattern();

    [GeneratedRegex("^(ea1\\.[0-9]{4}-[0-9]{2}\\..{1,244}:.{1,244}|ean\\.[0-9]{12,34})$")]
    private static partial Regex EntityAddressPattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[+-]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex("^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)$")]
    private static partial Regex DecimalPattern();
}
