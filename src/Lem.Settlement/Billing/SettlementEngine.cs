using System.Globalization;
using Lem.Domain.Time;
using Lem.Settlement.Tariffs;
using Lem.Settlement.Kpis;

namespace Lem.Settlement.Billing;

/// <summary>
/// Settles a clearing result: per participant and slot the energy at the cleared prices, the grid tariff, levies, the
/// operator's fee, imbalances against meter readings and VAT; the retail baseline and the savings; the compensation rule;
/// the budget identity to the cent; and the KPIs (docs/settlement.md).
/// </summary>
/// <remarks>
/// Rounding: quantities and prices from the clearing are rounded to 1e-6 (kWh, EUR/MWh) and every amount is then exact
/// in decimal; each invoice line is rounded to the cent half away from zero; an invoice total is the sum of its rounded
/// lines. The outside-market payment and the community's imbalance payment are rounded once each; the operator's residual
/// closes the budget identity exactly in cents.
/// </remarks>
public static class SettlementEngine
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Settles a clearing.</summary>
    /// <exception cref="ArgumentException">
    /// When the clearing does not fit the request: series of the wrong length, a non-finite value, a position or trade of a
    /// participant that is not billed, a trade in a slot out of range, or a distance charge without distance factors.
    /// </exception>
    public static SettlementResult Settle(SettlementRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var horizon = request.Horizon;
        var clearing = request.Clearing;
        var settings = request.Settings;
        var slots = horizon.Count;
        if (clearing.SlotCount != slots || clearing.ImportKw.Count != slots || clearing.ExportKw.Count != slots)
        {
            throw new ArgumentException($"The clearing has {clearing.SlotCount} slots ({clearing.ImportKw.Count} imports, {clearing.ExportKw.Count} exports); the horizon has {slots}.", nameof(request));
        }

        if (settings.Grid.Distance is not null && request.DistanceFactor is null)
        {
            throw new ArgumentException("The grid tariff has a distance charge, but the request has no distance factors.", nameof(request));
        }

        var hours = (decimal)horizon.SlotLength.Minutes / 60m;
        var perHour = 60m / horizon.SlotLength.Minutes;
        var accounts = BuildAccounts(request, hours);
        var byId = accounts.ToDictionary(a => a.Participant.Id.Value, StringComparer.Ordinal);

        SettleEnergy(request, accounts, byId, hours);
        var referencePrice = ReferenceImbalancePrices(request);
        SettleImbalance(settings.Imbalance.Rule, accounts, referencePrice);
        if (settings.Grid.Distance is { } distance)
        {
            ChargeDistance(request, distance, byId);
        }

        var bands = Bands(request.Horizon, request.Settings.Grid);
        var invoices = accounts.Select(a => BuildInvoice(request, a, bands, perHour)).ToList();
        var compensation = Compensate(settings.Compensation, invoices, out invoices);
        var budget = Budget(request, accounts, invoices, referencePrice, hours);
        var kpis = KpiCalculator.Compute(request, accounts, invoices, perHour);
        return new SettlementResult(
            request.ScenarioName,
            clearing.Mechanism,
            horizon.Start,
            horizon.End,
            horizon.Zone,
            [.. horizon.Slots.Select(s => s.Start)],
            request.Meters.Count > 0,
            invoices,
            budget,
            compensation,
            kpis);
    }

    private static List<SettlementAccount> BuildAccounts(SettlementRequest request, decimal hours)
    {
        var slots = request.Horizon.Count;
        var accounts = new List<SettlementAccount>();
        var index = new Dictionary<ParticipantId, SettlementAccount>();
        foreach (var p in request.Participants)
        {
            if (index.ContainsKey(p.Id))
            {
                throw new ArgumentException($"Participant '{p.Id}' is listed twice for billing.", nameof(request));
            }

            var account = new SettlementAccount(p, slots);
            accounts.Add(account);
            index[p.Id] = account;
        }

        var outside = request.OutsideMarket;
        foreach (var position in request.Clearing.Positions)
        {
            if (position.NetInjectionKw.Count != slots || position.PriceEurPerMwh.Count != slots)
            {
                throw new ArgumentException($"The position of '{position.Participant}' has {position.NetInjectionKw.Count} values and {position.PriceEurPerMwh.Count} prices; the horizon has {slots} slots.", nameof(request));
            }

            if (!index.TryGetValue(position.Participant, out var account))
            {
                if (position.NetInjectionKw.Any(v => v != 0))
                {
                    throw new ArgumentException($"Participant '{position.Participant}' has a cleared position but is not billed.", nameof(request));
                }

                continue;
            }

            for (var t = 0; t < slots; t++)
            {
                account.ScheduledKwh[t] = Exact.Of(position.NetInjectionKw[t] * (double)hours, $"The net injection of '{position.Participant}' in slot {t}");
                account.PriceEurPerMwh[t] = Exact.Of(position.PriceEurPerMwh[t], $"The price of '{position.Participant}' in slot {t}");
            }
        }

        var positioned = request.Clearing.Positions.Select(p => p.Participant).ToHashSet();
        foreach (var account in accounts)
        {
            for (var t = 0; t < slots; t++)
            {
                if (!positioned.Contains(account.Participant.Id))
                {
                    account.PriceEurPerMwh[t] = Exact.Of(outside.WholesaleImportEurPerMwh[t], $"The wholesale import price in slot {t}");
                }

                var metered = request.Meters.EnergyKwh(account.Participant.Id, t);
                account.Metered[t] = metered is not null;
                account.PhysicalKwh[t] = metered is { } m ? Exact.Of(m, $"The meter reading of '{account.Participant.Id}' in slot {t}") : account.ScheduledKwh[t];
            }
        }

        return accounts;
    }

    private static void SettleEnergy(SettlementRequest request, List<SettlementAccount> accounts, Dictionary<string, SettlementAccount> byId, decimal hours)
    {
        var clearing = request.Clearing;
        var slots = request.Horizon.Count;
        if (!clearing.Bilateral)
        {
            // Every net position at its price; the locally matched part of each withdrawal is its share of min(W_t, G_t).
            for (var t = 0; t < slots; t++)
            {
                decimal withdrawn = 0, injected = 0;
                foreach (var a in accounts)
                {
                    var e = a.ScheduledKwh[t];
                    var eur = -e * a.PriceEurPerMwh[t] / 1000m;
                    a.EnergyEur[t] = eur;
                    a.AddEnergy(e < 0 ? "energy.bought" : "energy.sold", Math.Abs(e), eur);
                    a.TradedKwh += Math.Abs(e);
                    withdrawn += Math.Max(0, -e);
                    injected += Math.Max(0, e);
                }

                if (withdrawn > 0)
                {
                    var matched = Math.Min(withdrawn, injected);
                    foreach (var a in accounts)
                    {
                        a.LocalBoughtKwh[t] = Math.Round(Math.Max(0, -a.ScheduledKwh[t]) * matched / withdrawn, Exact.InputDecimals, MidpointRounding.ToEven);
                    }
                }
            }

            return;
        }

        // Bilateral: trade by trade at the pair price; the operator stands in for the outside market.
        var net = accounts.ToDictionary(a => a, _ => new decimal[slots]);
        foreach (var trade in clearing.Trades)
        {
            if (trade.Slot < 0 || trade.Slot >= slots)
            {
                throw new ArgumentException($"A trade of '{trade.SellerId}' to '{trade.BuyerId}' is in slot {trade.Slot}; the horizon has {slots} slots.", nameof(request));
            }

            if (trade.QuantityKwh < 0 || trade.BuyerId == trade.SellerId)
            {
                throw new ArgumentException($"The trade of '{trade.SellerId}' to '{trade.BuyerId}' in slot {trade.Slot} has quantity {trade.QuantityKwh} kWh; trades need two different parties and a quantity ≥ 0.", nameof(request));
            }

            var buyer = Party(trade.BuyerId, clearing.OutsideMarketId, byId);
            var seller = Party(trade.SellerId, clearing.OutsideMarketId, byId);
            if (buyer is null && seller is null)
            {
                throw new ArgumentException($"A trade in slot {trade.Slot} has the outside market on both sides.", nameof(request));
            }

            var q = Exact.Of(trade.QuantityKwh, $"The quantity of the trade '{trade.SellerId}' → '{trade.BuyerId}' in slot {trade.Slot}");
            var p = Exact.Of(trade.PriceEurPerMwh, $"The price of the trade '{trade.SellerId}' → '{trade.BuyerId}' in slot {trade.Slot}");
            var eur = q * p / 1000m;
            var t = trade.Slot;
            if (buyer is not null)
            {
                buyer.TradeCount[t]++;
                buyer.AddEnergy(seller is null ? "energy.bought_outside" : "energy.bought_local", q, eur);
                buyer.EnergyEur[t] += eur;
                buyer.TradedKwh += q;
                net[buyer][t] -= q;
                if (seller is not null)
                {
                    buyer.LocalBoughtKwh[t] += q;
                }
            }

            if (seller is not null)
            {
                seller.TradeCount[t]++;
                seller.AddEnergy(buyer is null ? "energy.sold_outside" : "energy.sold_local", q, -eur);
                seller.EnergyEur[t] -= eur;
                seller.TradedKwh += q;
                net[seller][t] += q;
            }
        }

        foreach (var a in accounts)
        {
            for (var t = 0; t < slots; t++)
            {
                // A position not covered by trades is settled at the position price, unless it is only the rounding of
                // the position and of its trades to 1e-6 kWh (at most half of 1e-6 kWh each).
                var rest = a.ScheduledKwh[t] - net[a][t];
                if (Math.Abs(rest) > RoundingToleranceKwh(a.TradeCount[t]))
                {
                    var eur = -rest * a.PriceEurPerMwh[t] / 1000m;
                    a.AddEnergy(rest < 0 ? "energy.unmatched_bought" : "energy.unmatched_sold", Math.Abs(rest), eur);
                    a.EnergyEur[t] += eur;
                    a.TradedKwh += Math.Abs(rest);
                }

                a.LocalBoughtKwh[t] = Math.Min(a.LocalBoughtKwh[t], Math.Max(0, -a.ScheduledKwh[t]));
            }
        }
    }

    /// <summary>The largest difference between a position and the sum of its k trades that rounding to 1e-6 kWh can cause.</summary>
    internal static decimal RoundingToleranceKwh(int trades) => 0.0000005m * (trades + 1);

    private static SettlementAccount? Party(string id, string outsideId, Dictionary<string, SettlementAccount> byId)
    {
        if (id == outsideId)
        {
            return null;
        }

        return byId.TryGetValue(id, out var a) ? a : throw new ArgumentException($"A trade names '{id}', which is neither a billed participant nor the outside market '{outsideId}'.");
    }

    private static decimal[] ReferenceImbalancePrices(SettlementRequest request)
    {
        var imbalance = request.Settings.Imbalance;
        var slots = request.Horizon.Count;
        var prices = new decimal[slots];
        for (var t = 0; t < slots; t++)
        {
            prices[t] = imbalance.PriceEurPerMwh is { } series
                ? Exact.Of(series[t], $"The imbalance price in slot {t}")
                : Math.Round(Exact.Of(request.OutsideMarket.WholesaleImportEurPerMwh[t], $"The wholesale import price in slot {t}") * imbalance.WholesaleFactor, Exact.InputDecimals, MidpointRounding.ToEven);
        }

        return prices;
    }

    private static void SettleImbalance(SettlementImbalanceRule rule, List<SettlementAccount> accounts, decimal[] reference)
    {
        foreach (var a in accounts)
        {
            for (var t = 0; t < reference.Length; t++)
            {
                var e = a.PhysicalKwh[t] - a.ScheduledKwh[t];
                if (e == 0)
                {
                    continue;
                }

                var price = rule == SettlementImbalanceRule.Single
                    ? reference[t]
                    : e > 0 ? Math.Min(reference[t], a.PriceEurPerMwh[t]) : Math.Max(reference[t], a.PriceEurPerMwh[t]);
                a.ImbalanceEur[t] = -e * price / 1000m;
            }
        }
    }

    private static void ChargeDistance(SettlementRequest request, TariffDistance tariff, Dictionary<string, SettlementAccount> byId)
    {
        var clearing = request.Clearing;
        foreach (var trade in clearing.Trades)
        {
            if (trade.BuyerId == clearing.OutsideMarketId || trade.SellerId == clearing.OutsideMarketId)
            {
                continue;
            }

            var buyer = byId[trade.BuyerId];
            var seller = byId[trade.SellerId];
            var q = Exact.Of(trade.QuantityKwh, "A trade quantity");
            var factor = Exact.Of(request.DistanceFactor!(seller.Participant.Id, buyer.Participant.Id), $"The distance factor between '{trade.SellerId}' and '{trade.BuyerId}'");
            var eur = q / 1000m * tariff.EurPerMwh * factor;
            switch (tariff.Split)
            {
                case TariffChargeSplit.Buyer:
                    buyer.DistanceKwh += q;
                    buyer.DistanceEur += eur;
                    break;
                case TariffChargeSplit.Seller:
                    seller.DistanceKwh += q;
                    seller.DistanceEur += eur;
                    break;
                default:
                    buyer.DistanceKwh += q;
                    buyer.DistanceEur += eur / 2;
                    seller.DistanceKwh += q;
                    seller.DistanceEur += eur / 2;
                    break;
            }
        }
    }

    /// <summary>The energy-charge rate band of every slot: −1 for the volumetric rate, else the index of its time-of-use period.</summary>
    internal static int[] Bands(Horizon horizon, TariffGrid grid)
    {
        var periods = grid.TimeOfUse;
        var zone = horizon.Zone;
        return [.. horizon.Slots.Select(s =>
        {
            var local = s.Start.InZone(zone).TimeOfDay;
            var minute = (local.Hour * 60) + local.Minute;
            for (var k = 0; k < periods.Count; k++)
            {
                if (periods[k].Contains(minute))
                {
                    return k;
                }
            }

            return -1;
        })];
    }

    private static Invoice BuildInvoice(SettlementRequest request, SettlementAccount a, int[] bands, decimal perHour)
    {
        var settings = request.Settings;
        var grid = settings.Grid;
        var slots = bands.Length;
        var lines = new List<InvoiceLine>();
        void Add(InvoiceCategory category, string code, string description, decimal? quantity, string? unit, decimal? unitPrice, decimal exact) =>
            lines.Add(new InvoiceLine(category, code, description, quantity, unit, unitPrice, Exact.Cents(exact), exact));

        // Energy.
        var market = request.Clearing.Mechanism;
        foreach (var (code, description) in EnergyLines(market))
        {
            if (a.Energy.TryGetValue(code, out var e) && (e.Kwh != 0 || e.Eur != 0))
            {
                // Sales are credits: their quantity is written negative, so that quantity × unit price = amount.
                var kwh = code.Contains("sold", StringComparison.Ordinal) ? -e.Kwh : e.Kwh;
                Add(InvoiceCategory.Energy, code, description, kwh, "kWh", Exact.UnitPrice(e.Eur, kwh), e.Eur);
            }
        }

        // Grid tariff: energy charge per rate band, local discount, capacity, peak, distance, fixed.
        decimal withdrawn = 0, injected = 0;
        for (var t = 0; t < slots; t++)
        {
            withdrawn += a.WithdrawalKwh(t);
            injected += a.InjectionKwh(t);
        }

        decimal RateOf(int band) => band < 0 ? grid.VolumetricEurPerKwh : grid.TimeOfUse[band].EurPerKwh;
        decimal energyCharge = 0;
        for (var band = -1; band < grid.TimeOfUse.Count; band++)
        {
            var rate = RateOf(band);
            decimal w = 0, x = 0;
            var any = false;
            for (var t = 0; t < slots; t++)
            {
                if (bands[t] == band)
                {
                    any = true;
                    w += a.WithdrawalKwh(t);
                    x += a.InjectionKwh(t);
                }
            }

            var billed = grid.NetMetering ? Math.Max(0, w - x) : w;
            if (!any || rate == 0 || billed == 0)
            {
                continue;
            }

            var name = band < 0 ? (grid.TimeOfUse.Count > 0 ? "standard rate" : "volumetric") : $"{grid.TimeOfUse[band].Name} {grid.TimeOfUse[band].Window}";
            var exact = billed * rate;
            energyCharge += exact;
            Add(InvoiceCategory.GridTariff, band < 0 ? "grid.energy" : $"grid.energy.{grid.TimeOfUse[band].Name}", $"Grid energy charge ({name}{(grid.NetMetering ? ", net metered" : string.Empty)})", billed, "kWh", rate, exact);
        }

        if (grid.LocalDiscountFraction > 0)
        {
            decimal local = 0, discount = 0;
            for (var t = 0; t < slots; t++)
            {
                var matched = Math.Min(a.LocalBoughtKwh[t], a.WithdrawalKwh(t));
                local += matched;
                discount += matched * RateOf(bands[t]) * grid.LocalDiscountFraction;
            }

            discount = Math.Min(discount, energyCharge);
            if (discount > 0)
            {
                Add(InvoiceCategory.GridTariff, "grid.local_discount", $"Local energy discount ({Percent(grid.LocalDiscountFraction * 100)} % of the grid energy charge on energy matched in the community)", local, "kWh", Exact.UnitPrice(-discount, local), -discount);
            }
        }

        if (grid.Capacity is { } capacity)
        {
            var subscribed = Exact.Of(capacity.SubscribedKw(a.Participant.Id), "A subscribed capacity");
            if (capacity.EurPerKw > 0 && subscribed > 0)
            {
                Add(InvoiceCategory.GridTariff, "grid.capacity.subscribed", $"Subscribed capacity ({Kw(subscribed)} kW)", subscribed, "kW", capacity.EurPerKw, subscribed * capacity.EurPerKw);
            }

            decimal excess = 0;
            for (var t = 0; t < slots; t++)
            {
                excess += Math.Max(0, (a.WithdrawalKwh(t) * perHour) - subscribed);
            }

            if (capacity.ExcessEurPerKw > 0 && excess > 0)
            {
                Add(InvoiceCategory.GridTariff, "grid.capacity.excess", $"Withdrawal above the subscribed {Kw(subscribed)} kW, summed over slots", excess, "kW·slot", capacity.ExcessEurPerKw, excess * capacity.ExcessEurPerKw);
            }
        }

        if (grid.MeasuredPeakEurPerKw > 0)
        {
            decimal peak = 0;
            for (var t = 0; t < slots; t++)
            {
                peak = Math.Max(peak, a.WithdrawalKwh(t) * perHour);
            }

            if (peak > 0)
            {
                Add(InvoiceCategory.GridTariff, "grid.peak", "Billed peak withdrawal", peak, "kW", grid.MeasuredPeakEurPerKw, peak * grid.MeasuredPeakEurPerKw);
            }
        }

        if (a.DistanceEur != 0)
        {
            var split = grid.Distance!.Split switch { TariffChargeSplit.Buyer => "paid by the buyer", TariffChargeSplit.Seller => "paid by the seller", _ => "half paid by each side" };
            Add(InvoiceCategory.GridTariff, "grid.distance", $"Distance-based network charge on trades between members ({split})", a.DistanceKwh, "kWh", Exact.UnitPrice(a.DistanceEur, a.DistanceKwh), a.DistanceEur);
        }

        if (grid.FixedEurPerPeriod > 0)
        {
            Add(InvoiceCategory.GridTariff, "grid.fixed", "Fixed grid charge", 1, "period", grid.FixedEurPerPeriod, grid.FixedEurPerPeriod);
        }

        // Taxes and levies.
        var taxes = settings.Taxes;
        if (taxes.LeviesEurPerKwh > 0 && withdrawn > 0)
        {
            Add(InvoiceCategory.TaxesAndLevies, "taxes.levies", "Levies and electricity tax on withdrawals", withdrawn, "kWh", taxes.LeviesEurPerKwh, withdrawn * taxes.LeviesEurPerKwh);
        }

        if (taxes.FixedEurPerPeriod > 0)
        {
            Add(InvoiceCategory.TaxesAndLevies, "taxes.fixed", "Fixed levies", 1, "period", taxes.FixedEurPerPeriod, taxes.FixedEurPerPeriod);
        }

        // Operator fee.
        var fee = settings.OperatorFee;
        if (fee.EurPerKwh > 0 && a.TradedKwh > 0)
        {
            Add(InvoiceCategory.OperatorFee, "fee.energy", "Market operator fee on energy bought and sold", a.TradedKwh, "kWh", fee.EurPerKwh, a.TradedKwh * fee.EurPerKwh);
        }

        if (fee.FixedEurPerPeriod > 0)
        {
            Add(InvoiceCategory.OperatorFee, "fee.fixed", "Market operator fee (fixed)", 1, "period", fee.FixedEurPerPeriod, fee.FixedEurPerPeriod);
        }

        // Imbalance.
        decimal shortKwh = 0, shortEur = 0, longKwh = 0, longEur = 0;
        for (var t = 0; t < slots; t++)
        {
            var e = a.PhysicalKwh[t] - a.ScheduledKwh[t];
            if (e < 0)
            {
                shortKwh -= e;
                shortEur += a.ImbalanceEur[t];
            }
            else if (e > 0)
            {
                longKwh += e;
                longEur += a.ImbalanceEur[t];
            }
        }

        var rule = settings.Imbalance.Rule == SettlementImbalanceRule.Dual ? "dual price" : "single price";
        if (shortKwh > 0)
        {
            Add(InvoiceCategory.Imbalance, "imbalance.short", $"Imbalance, short: metered below schedule ({rule})", shortKwh, "kWh", Exact.UnitPrice(shortEur, shortKwh), shortEur);
        }

        if (longKwh > 0)
        {
            Add(InvoiceCategory.Imbalance, "imbalance.long", $"Imbalance, long: metered above schedule ({rule})", -longKwh, "kWh", Exact.UnitPrice(longEur, -longKwh), longEur);
        }

        // VAT on the net amount when it is positive.
        var net = lines.Sum(l => l.AmountEur);
        if (taxes.VatPercent > 0 && net > 0)
        {
            Add(InvoiceCategory.Vat, "vat", $"VAT {Percent(taxes.VatPercent)} % on {net.ToString("0.00", Inv)} EUR", net, "EUR", taxes.VatPercent / 100m, net * taxes.VatPercent / 100m);
        }

        // Baseline: every withdrawn kWh at the retail tariff, every injected kWh at the feed-in tariff.
        decimal baseImport = 0, baseExport = 0;
        var outside = request.OutsideMarket;
        for (var t = 0; t < slots; t++)
        {
            baseImport += a.WithdrawalKwh(t) * Exact.Of(outside.RetailEurPerKwh[t], $"The retail tariff in slot {t}");
            baseExport += a.InjectionKwh(t) * Exact.Of(outside.FeedInEurPerKwh[t], $"The feed-in tariff in slot {t}");
        }

        return new Invoice(
            Participant: a.Participant,
            Lines: lines,
            WithdrawalKwh: withdrawn,
            InjectionKwh: injected,
            BaselineImportEur: Exact.Cents(baseImport),
            BaselineExportEur: Exact.Cents(baseExport),
            Slots: [.. Enumerable.Range(0, slots).Select(t => new InvoiceSlot(t, a.ScheduledKwh[t], a.Metered[t] ? a.PhysicalKwh[t] : null, a.PriceEurPerMwh[t], a.EnergyEur[t], a.ImbalanceEur[t]))]);
    }

    private static IEnumerable<(string Code, string Description)> EnergyLines(string market) =>
    [
        ("energy.bought", $"Energy bought in the {market} market"),
        ("energy.sold", $"Energy sold in the {market} market"),
        ("energy.bought_local", "Energy bought from members (bilateral trades)"),
        ("energy.bought_outside", "Energy bought from the outside market (bilateral trades, through the operator)"),
        ("energy.sold_local", "Energy sold to members (bilateral trades)"),
        ("energy.sold_outside", "Energy sold to the outside market (bilateral trades, through the operator)"),
        ("energy.unmatched_bought", "Withdrawal not covered by trades, at the position price"),
        ("energy.unmatched_sold", "Injection not covered by trades, at the position price"),
    ];

    /// <summary>
    /// The proportional compensation rule: when Σ gains ≥ Σ losses, every participant with negative savings receives its
    /// loss and the winners pay it in proportion to their savings (largest-remainder rounding to whole cents, ties in
    /// invoice order), so that the transfers sum to zero and nobody's savings become negative.
    /// </summary>
    private static CompensationOutcome Compensate(SettlementCompensationRule rule, List<Invoice> invoices, out List<Invoice> compensated)
    {
        compensated = invoices;
        var savings = invoices.Select(i => i.SavingsBeforeCompensationEur).ToList();
        var deficit = -savings.Where(s => s < 0).Sum();
        var gain = savings.Where(s => s > 0).Sum();
        if (rule == SettlementCompensationRule.None)
        {
            return new CompensationOutcome(CompensationStatus.Disabled, deficit, gain, []);
        }

        if (deficit == 0)
        {
            return new CompensationOutcome(CompensationStatus.NotNeeded, deficit, gain, []);
        }

        if (gain < deficit)
        {
            return new CompensationOutcome(CompensationStatus.InsufficientGain, deficit, gain, []);
        }

        var amounts = new decimal[invoices.Count];
        var remainders = new List<(int Index, decimal Remainder)>();
        decimal paid = 0;
        for (var i = 0; i < invoices.Count; i++)
        {
            if (savings[i] < 0)
            {
                amounts[i] = -savings[i];
            }
            else if (savings[i] > 0)
            {
                var share = deficit * savings[i] / gain;
                var floor = Math.Floor(share * 100m) / 100m;
                amounts[i] = -floor;
                paid += floor;
                remainders.Add((i, share - floor));
            }
        }

        var extraCents = (int)Math.Round((deficit - paid) * 100m);
        foreach (var (i, _) in remainders.OrderByDescending(r => r.Remainder).ThenBy(r => r.Index).Take(extraCents))
        {
            amounts[i] -= 0.01m;
        }

        var transfers = new List<CompensationTransfer>();
        var result = new List<Invoice>();
        for (var i = 0; i < invoices.Count; i++)
        {
            var invoice = invoices[i];
            if (amounts[i] != 0)
            {
                transfers.Add(new CompensationTransfer(invoice.Participant.Id, amounts[i]));
                var line = amounts[i] > 0
                    ? new InvoiceLine(InvoiceCategory.Compensation, "compensation.received", "Compensation received: no participant is worse off than on the retail tariff", null, null, null, -amounts[i], -amounts[i])
                    : new InvoiceLine(InvoiceCategory.Compensation, "compensation.paid", "Contribution to the compensation of participants worse off than on the retail tariff, in proportion to savings", null, null, null, -amounts[i], -amounts[i]);
                invoice = invoice with { Lines = [.. invoice.Lines, line] };
            }

            result.Add(invoice);
        }

        compensated = result;
        return new CompensationOutcome(CompensationStatus.Applied, deficit, gain, transfers);
    }

    private static BudgetBalance Budget(SettlementRequest request, List<SettlementAccount> accounts, List<Invoice> invoices, decimal[] reference, decimal hours)
    {
        var slots = reference.Length;
        var outside = request.OutsideMarket;
        var supplier = request.Settings.OutsideCounterparty == SettlementCounterparty.Supplier;
        var budgetSlots = new List<BudgetSlot>();
        decimal outsideExact = 0, imbalanceOutsideExact = 0, energyExact = 0, imbalanceExact = 0;
        for (var t = 0; t < slots; t++)
        {
            var import = Exact.Of(request.Clearing.ImportKw[t] * (double)hours, $"The import in slot {t}");
            var export = Exact.Of(request.Clearing.ExportKw[t] * (double)hours, $"The export in slot {t}");
            if (import < 0 || export < 0)
            {
                throw new ArgumentException($"Slot {t} has import {import} kWh and export {export} kWh; both must be ≥ 0.", nameof(request));
            }

            var outsideEur = supplier
                ? (import * Exact.Of(outside.RetailEurPerKwh[t], "The retail tariff")) - (export * Exact.Of(outside.FeedInEurPerKwh[t], "The feed-in tariff"))
                : ((import * Exact.Of(outside.WholesaleImportEurPerMwh[t], "The wholesale import price")) - (export * Exact.Of(outside.WholesaleExportEurPerMwh[t], "The wholesale export price"))) / 1000m;
            var energy = accounts.Sum(a => a.EnergyEur[t]);
            var imbalance = accounts.Sum(a => a.ImbalanceEur[t]);
            var imbalanceOutside = -accounts.Sum(a => a.PhysicalKwh[t] - a.ScheduledKwh[t]) * reference[t] / 1000m;
            budgetSlots.Add(new BudgetSlot(t, energy, imbalance, outsideEur, imbalanceOutside, energy + imbalance - outsideEur - imbalanceOutside));
            outsideExact += outsideEur;
            imbalanceOutsideExact += imbalanceOutside;
            energyExact += energy;
            imbalanceExact += imbalance;
        }

        decimal Sum(InvoiceCategory c) => invoices.Sum(i => i.SubtotalEur(c));
        var grid = Sum(InvoiceCategory.GridTariff);
        var taxes = Sum(InvoiceCategory.TaxesAndLevies);
        var vat = Sum(InvoiceCategory.Vat);
        var fees = Sum(InvoiceCategory.OperatorFee);
        var paid = invoices.Where(i => i.TotalEur > 0).Sum(i => i.TotalEur);
        var received = -invoices.Where(i => i.TotalEur < 0).Sum(i => i.TotalEur);
        var outsideRounded = Exact.Cents(outsideExact);
        var imbalanceOutsideRounded = Exact.Cents(imbalanceOutsideExact);
        var residual = paid - received - grid - taxes - vat - fees - outsideRounded - imbalanceOutsideRounded;
        var surplus = energyExact - outsideExact;
        var spread = imbalanceExact - imbalanceOutsideExact;
        var roundedLines = invoices.Sum(i => i.Lines.Count(l => l.Category is InvoiceCategory.Energy or InvoiceCategory.Imbalance)) + 2;
        return new BudgetBalance(
            PaidByBuyersEur: paid,
            ReceivedBySellersEur: received,
            EnergyEur: Sum(InvoiceCategory.Energy),
            GridTariffsEur: grid,
            TaxesAndLeviesEur: taxes,
            VatEur: vat,
            OperatorFeesEur: fees,
            ImbalanceParticipantsEur: Sum(InvoiceCategory.Imbalance),
            CompensationEur: Sum(InvoiceCategory.Compensation),
            OutsideMarketEur: outsideRounded,
            ImbalanceOutsideEur: imbalanceOutsideRounded,
            OperatorResidualEur: residual,
            MerchandisingSurplusEur: surplus,
            ImbalanceSpreadEur: spread,
            RoundingEur: residual - surplus - spread,
            RoundingBoundEur: 0.005m * roundedLines,
            Slots: budgetSlots);
    }

    private static string Percent(decimal value) => value.ToString("0.##", Inv);

    private static string Kw(decimal value) => value.ToString("0.###", Inv);
}
