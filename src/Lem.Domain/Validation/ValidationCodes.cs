namespace Lem.Domain.Validation;

/// <summary>The stable error codes reported by validation. Codes never change meaning once published.</summary>
public static class ValidationCodes
{
    /// <summary>The input is not well-formed JSON (the path carries line and column).</summary>
    public const string JsonMalformed = "json.malformed";
    /// <summary>A required field is absent.</summary>
    public const string FieldMissing = "field.missing";
    /// <summary>A field is not part of the format (often a typo).</summary>
    public const string FieldUnknown = "field.unknown";
    /// <summary>A field has the wrong JSON type (for example a string where a number is expected).</summary>
    public const string FieldType = "field.type";
    /// <summary>A number is NaN or infinite, or too large to represent.</summary>
    public const string ValueNotFinite = "value.not_finite";
    /// <summary>A number is outside its allowed range (negative capacity, efficiency outside (0, 1], ...).</summary>
    public const string ValueOutOfRange = "value.out_of_range";
    /// <summary>A string value is not one of the allowed choices or does not have the required form.</summary>
    public const string ValueInvalid = "value.invalid";
    /// <summary>A lower bound is above its upper bound (state-of-charge limits, voltage limits, windows).</summary>
    public const string BoundsInverted = "value.bounds_inverted";
    /// <summary>An id is used twice where ids must be unique.</summary>
    public const string IdDuplicate = "id.duplicate";
    /// <summary>An id has an invalid form (empty, too long, forbidden characters).</summary>
    public const string IdInvalid = "id.invalid";
    /// <summary>A reference names a bus that the grid does not have.</summary>
    public const string UnknownBus = "ref.unknown_bus";
    /// <summary>A reference names a participant that the scenario does not have.</summary>
    public const string UnknownParticipant = "ref.unknown_participant";
    /// <summary>A time series does not have one value per slot of the horizon.</summary>
    public const string SeriesLength = "series.length_mismatch";
    /// <summary>A CSV column named by a series reference does not exist.</summary>
    public const string SeriesColumn = "series.unknown_column";
    /// <summary>A time stamp is not on the expected slot boundary or is out of order.</summary>
    public const string TimeMisaligned = "time.misaligned";
    /// <summary>A local time stamp does not exist because it falls in a daylight-saving gap.</summary>
    public const string TimeInDstGap = "time.dst_gap";
    /// <summary>A local time stamp occurs twice (daylight-saving fold) and no offset was given.</summary>
    public const string TimeAmbiguous = "time.ambiguous";
    /// <summary>A time stamp or time zone cannot be parsed or is unknown.</summary>
    public const string TimeInvalid = "time.invalid";
    /// <summary>A referenced file does not exist or cannot be read.</summary>
    public const string FileMissing = "file.missing";
    /// <summary>A referenced file exists but its content is malformed.</summary>
    public const string FileMalformed = "file.malformed";
    /// <summary>Some buses of the grid cannot be reached from a slack bus.</summary>
    public const string GridIslanded = "grid.islanded";
    /// <summary>The grid has no slack bus (no external grid / reference bus).</summary>
    public const string GridNoSlack = "grid.no_slack";
    /// <summary>A grid element refers to a bus that does not exist or is otherwise inconsistent.</summary>
    public const string GridInvalid = "grid.invalid";
    /// <summary>A warning, not an error: a value is far above what is usual where it is (a household load of 228 kW on a low-voltage bus), often a unit mistake.</summary>
    public const string ValueImplausible = "value.implausible";
    /// <summary>An input exceeds a size limit (file size, number of items, horizon length).</summary>
    public const string SizeLimit = "size.too_large";
    /// <summary>An electric vehicle cannot receive its required energy within its availability window.</summary>
    public const string EvEnergyUnreachable = "ev.energy_unreachable";
    /// <summary>A flexible load cannot receive its energy within its window at its maximum power.</summary>
    public const string FlexEnergyUnreachable = "flex.energy_unreachable";
    /// <summary>A battery's initial or terminal state of charge is outside its state-of-charge limits.</summary>
    public const string SocOutOfBounds = "battery.soc_out_of_bounds";
    /// <summary>A bid or offer curve is not a valid stepwise curve (prices not monotone, empty steps).</summary>
    public const string CurveInvalid = "order.curve_invalid";
    /// <summary>An order's price is not a whole number of the market's price ticks.</summary>
    public const string OrderPriceNotOnTick = "order.price_not_on_tick";
    /// <summary>An order's quantity is not a whole number of the market's lots.</summary>
    public const string OrderQuantityNotOnLot = "order.quantity_not_on_lot";
}
