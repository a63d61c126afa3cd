using System.Globalization;
using Lem.Domain.Orders;
using Lem.Markets.Auctions;
using Lem.Scenarios;
using Lem.Scenarios.Series;
using NodaTime;
using NodaTime.Text;

namespace Lem.Scenarios.Reading;

/// <summary>
/// Reads call-auction orders from CSV (docs/auction-orders.md): header
/// <c>participant,side,slot,price_eur_per_mwh,quantity_kwh[,order_id][,time]</c>, one row per step. Reports every problem
/// with <c>file:line</c> and a code; never throws on bad input.
/// </summary>
public static class AuctionOrderReader
{
    private static readonly string[] Required = ["participant", "side", "slot", "price_eur_per_mwh", "quantity_kwh"];
    private static readonly string[] Optional = ["order_id", "time"];
    private static readonly OffsetDateTimePattern TimePattern = OffsetDateTimePattern.ExtendedIso;

    /// <summary>Reads an orders CSV file.</summary>
    public static AuctionBookLoadResult Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return Fail(new ValidationError(path, ValidationCodes.FileMissing, $"The orders file '{path}' does not exist."));
        }

        if (new FileInfo(path).Length > ScenarioLimits.MaxCsvBytes)
        {
            return Fail(new ValidationError(path, ValidationCodes.SizeLimit, $"The orders file is larger than {ScenarioLimits.MaxCsvBytes} bytes."));
        }

        try
        {
            using var reader = InputFiles.OpenText(path, ScenarioLimits.MaxCsvBytes);
            return Parse(reader, path);
        }
        catch (InputTooLargeException)
        {
            return Fail(InputFiles.TooLarge(path, ScenarioLimits.MaxCsvBytes));
        }
        catch (IOException ex)
        {
            return Fail(new ValidationError(path, ValidationCodes.FileMalformed, $"The orders file could not be read: {ex.Message}"));
        }
        catch (UnauthorizedAccessException ex)
        {
            return Fail(new ValidationError(path, ValidationCodes.FileMalformed, $"The orders file could not be read: {ex.Message}"));
        }
    }

    /// <summary>Parses orders CSV text; <paramref name="displayName"/> names the file in problems (<c>name:line</c>).</summary>
    public static AuctionBookLoadResult Parse(TextReader reader, string displayName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(displayName);
        var errors = new List<ValidationError>();
        var lineNo = 0;
        Dictionary<string, int>? columns = null;
        var rows = new List<Row>();
        using var records = CsvRecordReader.Read(reader).GetEnumerator();
        while (true)
        {
            try
            {
                if (!records.MoveNext())
                {
                    break;
                }
            }
            catch (CsvFormatException ex)
            {
                // A record over the length limit refuses the file: its one problem is reported, nothing found before it.
                return ex.Code == ValidationCodes.SizeLimit
                    ? Fail(new ValidationError($"{displayName}:{ex.Line}", ex.Code, ex.Message))
                    : new AuctionBookLoadResult { Errors = [.. errors, new ValidationError($"{displayName}:{ex.Line}", ex.Code, ex.Message)] };
            }

            var record = records.Current;
            lineNo = record.Line;
            if (record.IsBlank)
            {
                continue;
            }

            var cells = record.Cells.Select(c => c.Trim()).ToList();
            var at = $"{displayName}:{lineNo}";
            if (columns is null)
            {
                columns = Header(cells, at, errors);
                if (columns is null)
                {
                    return new AuctionBookLoadResult { Errors = errors };
                }

                continue;
            }

            if (cells.Count != columns.Count)
            {
                errors.Add(new ValidationError(at, ValidationCodes.FileMalformed, $"The row has {cells.Count} cells; the header has {columns.Count}."));
                continue;
            }

            if (ParseRow(cells, columns, at, lineNo, errors) is { } row)
            {
                rows.Add(row);
            }
        }

        if (columns is null)
        {
            return Fail(new ValidationError($"{displayName}:1", ValidationCodes.FileMalformed, "The file is empty; it needs the header participant,side,slot,price_eur_per_mwh,quantity_kwh and one row per step."));
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ValidationError($"{displayName}:{Math.Max(1, lineNo)}", ValidationCodes.FileMalformed, "The file has a header but no orders."));
        }

        var slotLabels = SlotIndices(rows, errors);
        var orders = Group(rows, displayName, errors);
        if (errors.Count > 0)
        {
            return new AuctionBookLoadResult { Errors = errors };
        }

        return new AuctionBookLoadResult { Book = new AuctionBook(orders, slotLabels) };
    }

    private static AuctionBookLoadResult Fail(ValidationError e) => new() { Errors = [e] };

    private static Dictionary<string, int>? Header(List<string> cells, string at, List<ValidationError> errors)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var ok = true;
        for (var i = 0; i < cells.Count; i++)
        {
            var name = cells[i].ToLowerInvariant();
            if (!Required.Contains(name) && !Optional.Contains(name))
            {
                errors.Add(new ValidationError(at, ValidationCodes.FieldUnknown, $"Unknown column '{cells[i]}'; the columns are {string.Join(", ", Required.Concat(Optional))}."));
                ok = false;
            }
            else if (!columns.TryAdd(name, i))
            {
                errors.Add(new ValidationError(at, ValidationCodes.FileMalformed, $"The column '{name}' appears twice."));
                ok = false;
            }
        }

        foreach (var name in Required.Where(r => !columns.ContainsKey(r)))
        {
            errors.Add(new ValidationError(at, ValidationCodes.FieldMissing, $"The header has no column '{name}'; required are {string.Join(", ", Required)}."));
            ok = false;
        }

        return ok ? columns : null;
    }

    private static Row? ParseRow(List<string> cells, Dictionary<string, int> columns, string at, int lineNo, List<ValidationError> errors)
    {
        var before = errors.Count;
        string Cell(string name) => columns.TryGetValue(name, out var i) ? cells[i] : string.Empty;

        var participantText = Cell("participant");
        if (IdRules.Problem(participantText) is { } pp)
        {
            errors.Add(new ValidationError(at, ValidationCodes.IdInvalid, $"participant: {pp}"));
        }

        var sideText = Cell("side").ToLowerInvariant();
        OrderSide side = default;
        if (sideText == "buy")
        {
            side = OrderSide.Buy;
        }
        else if (sideText == "sell")
        {
            side = OrderSide.Sell;
        }
        else
        {
            errors.Add(new ValidationError(at, ValidationCodes.ValueInvalid, $"side = '{Cell("side")}' is not known; it must be buy or sell."));
        }

        var slotText = Cell("slot");
        int? slotIndex = null;
        Instant? slotTime = null;
        if (int.TryParse(slotText, NumberStyles.None, CultureInfo.InvariantCulture, out var s))
        {
            slotIndex = s;
        }
        else if (TimePattern.Parse(slotText) is { Success: true } st)
        {
            slotTime = st.Value.ToInstant();
        }
        else
        {
            errors.Add(new ValidationError(at, ValidationCodes.ValueInvalid, $"slot = '{slotText}' is neither a slot index (an integer >= 0) nor a time stamp such as 2026-06-21T10:00:00Z."));
        }

        // The step's values are checked by the one order validator (docs/auction-orders.md); the messages name the CSV cells.
        var price = Number(Cell("price_eur_per_mwh"), "price_eur_per_mwh", at, errors);
        if (price is { } p && OrderValidator.PriceProblem(p.Exact, OrderRules.Default) is not null)
        {
            var floor = PriceBounds.Floor.EurPerMwh;
            var cap = PriceBounds.Cap.EurPerMwh;
            errors.Add(new ValidationError(at, ValidationCodes.ValueOutOfRange, $"price_eur_per_mwh = {Text(p.Value)} is out of range; it must be within [{Text(floor)}, {Text(cap)}] EUR/MWh."));
        }

        var quantity = Number(Cell("quantity_kwh"), "quantity_kwh", at, errors);
        if (quantity is { } q && OrderValidator.QuantityProblem(q.Exact, OrderRules.Default) is not null)
        {
            errors.Add(new ValidationError(at, ValidationCodes.ValueOutOfRange, $"quantity_kwh = {Text(q.Value)} is out of range; it must be > 0."));
        }

        var orderIdText = Cell("order_id");
        if (orderIdText.Length > 0 && IdRules.Problem(orderIdText) is { } op)
        {
            errors.Add(new ValidationError(at, ValidationCodes.IdInvalid, $"order_id: {op}"));
        }

        Instant? time = null;
        var timeText = Cell("time");
        if (timeText.Length > 0)
        {
            var t = TimePattern.Parse(timeText);
            if (t.Success)
            {
                time = t.Value.ToInstant();
            }
            else
            {
                errors.Add(new ValidationError(at, ValidationCodes.TimeInvalid, $"time = '{timeText}' is not an ISO 8601 time stamp with offset, such as 2026-06-21T10:00:00Z or 2026-06-21T12:00:00+02:00."));
            }
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new Row(lineNo, at, new ParticipantId(participantText), side, slotIndex, slotTime, price!.Value.Exact, quantity!.Value.Exact, orderIdText.Length > 0 ? new OrderId(orderIdText) : null, time);
    }

    /// <summary>A double as a decimal, saturated at the decimal range (beyond it no order value is valid anyway).</summary>
    private static decimal Clamp(double v) => v >= 7.9e28 ? decimal.MaxValue : v <= -7.9e28 ? decimal.MinValue : (decimal)v;

    /// <summary>
    /// A cell's number: the double (for messages) and the exact decimal the text says (the order's steps are decimal);
    /// the double converted when the text has more digits than a decimal holds.
    /// </summary>
    private static (double Value, decimal Exact)? Number(string text, string column, string at, List<ValidationError> errors)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
        {
            errors.Add(new ValidationError(at, ValidationCodes.FieldType, $"{column} = '{text}' is not a number."));
            return null;
        }

        if (!double.IsFinite(v))
        {
            errors.Add(new ValidationError(at, ValidationCodes.ValueNotFinite, $"{column} = '{text}' is not a finite number."));
            return null;
        }

        return (v, decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact) ? exact : Clamp(v));
    }

    private static string Text(double v) => v.ToString("G", CultureInfo.InvariantCulture);

    /// <summary>Gives every row its slot index; time-stamped slots are numbered in time order and labelled with their time.</summary>
    private static Dictionary<int, string>? SlotIndices(List<Row> rows, List<ValidationError> errors)
    {
        if (rows.Count == 0)
        {
            return null;
        }

        var byTime = rows[0].SlotTime is not null;
        foreach (var r in rows.Where(r => (r.SlotTime is not null) != byTime))
        {
            errors.Add(new ValidationError(r.At, ValidationCodes.ValueInvalid, $"slot is {(byTime ? "an index" : "a time stamp")} here but {(byTime ? "a time stamp" : "an index")} on line {rows[0].Line}; use one kind in the whole file."));
        }

        if (!byTime || errors.Count > 0)
        {
            return null;
        }

        var times = rows.Select(r => r.SlotTime!.Value).Distinct().Order().ToList();
        var index = times.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        foreach (var r in rows)
        {
            r.SlotIndex = index[r.SlotTime!.Value];
        }

        return times.Select((t, i) => (t, i)).ToDictionary(p => p.i, p => InstantPattern.ExtendedIso.Format(p.t));
    }

    /// <summary>Groups rows into orders: by order_id when given, otherwise by (participant, side, slot).</summary>
    private static List<AuctionOrder> Group(List<Row> rows, string displayName, List<ValidationError> errors)
    {
        var explicitIds = rows.Where(r => r.OrderId is not null).Select(r => r.OrderId!.Value.Value).ToHashSet(StringComparer.Ordinal);
        var groups = new Dictionary<string, List<Row>>(StringComparer.Ordinal);
        var keys = new List<string>();
        foreach (var r in rows)
        {
            var key = r.OrderId is { } id ? "id\u0001" + id.Value : $"auto\u0001{r.Participant.Value}\u0001{r.Side}\u0001{r.SlotIndex}";
            if (!groups.TryGetValue(key, out var list))
            {
                groups[key] = list = [];
                keys.Add(key);
            }

            list.Add(r);
        }

        var orders = new List<AuctionOrder>();
        if (errors.Count > 0)
        {
            return orders;
        }

        foreach (var key in keys)
        {
            var g = groups[key];
            var first = g[0];
            var ok = true;
            foreach (var r in g.Skip(1))
            {
                if (r.Participant != first.Participant || r.Side != first.Side || r.SlotIndex != first.SlotIndex || r.Time != first.Time)
                {
                    errors.Add(new ValidationError(r.At, ValidationCodes.ValueInvalid, $"order {(first.OrderId is { } i ? $"'{i}'" : $"of {first.Participant}")} has a different participant, side, slot or time here than on line {first.Line}; all steps of an order share them."));
                    ok = false;
                }
            }

            if (!ok)
            {
                continue;
            }

            var id = first.OrderId ?? AutoId(first, explicitIds);
            if (g.Count > ScenarioLimits.MaxStepsPerOrder)
            {
                errors.Add(new ValidationError($"{displayName}:{g[ScenarioLimits.MaxStepsPerOrder].Line}", ValidationCodes.SizeLimit, $"order {id} has {g.Count} steps; at most {ScenarioLimits.MaxStepsPerOrder} are allowed."));
                continue;
            }

            orders.Add(new AuctionOrder(new Order(id, first.Participant, first.Side, first.SlotIndex!.Value, g.Select(r => new PriceStep(r.PriceEurPerMwh, r.QuantityKwh))), first.Time, first.Line));
        }

        return orders;
    }

    private static OrderId AutoId(Row first, HashSet<string> explicitIds)
    {
        var candidate = $"{first.Participant.Value}/{(first.Side == OrderSide.Buy ? "buy" : "sell")}/{first.SlotIndex}";
        if (IdRules.Problem(candidate) is null && !explicitIds.Contains(candidate))
        {
            return new OrderId(candidate);
        }

        return new OrderId($"line-{first.Line}");
    }

    private sealed class Row(int line, string at, ParticipantId participant, OrderSide side, int? slotIndex, Instant? slotTime, decimal priceEurPerMwh, decimal quantityKwh, OrderId? orderId, Instant? time)
    {
        public int Line { get; } = line;

        public string At { get; } = at;

        public ParticipantId Participant { get; } = participant;

        public OrderSide Side { get; } = side;

        public int? SlotIndex { get; set; } = slotIndex;

        public Instant? SlotTime { get; } = slotTime;

        public decimal PriceEurPerMwh { get; } = priceEurPerMwh;

        public decimal QuantityKwh { get; } = quantityKwh;

        public OrderId? OrderId { get; } = orderId;

        public Instant? Time { get; } = time;
    }
}
