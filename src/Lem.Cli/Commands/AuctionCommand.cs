using Lem.Markets.Auctions;
using Lem.Scenarios.Reading;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem auction &lt;orders.csv&gt; --mechanism uniform|pay-as-bid|mcafee</c>: clears a call auction per delivery slot
/// from an orders CSV (docs/auction-orders.md) and prints prices, trades, welfare and the operator surplus.
/// </summary>
public static class AuctionCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var orders = new Argument<string>("orders") { Description = "The orders CSV: participant,side,slot,price_eur_per_mwh,quantity_kwh[,order_id][,time]." };
        var mechanism = CommonOptions.Choice(
            "--mechanism",
            "uniform (pay-as-clear, k-double auction or marginal price), pay-as-bid (each pair at its own prices) or mcafee (trade reduction, truthful).",
            "uniform",
            "uniform", "pay-as-bid", "mcafee");
        var k = new Option<double>("--k") { Description = "The k of the uniform k-double auction, in [0, 1]: p = p_low + k (p_high - p_low).", DefaultValueFactory = _ => 0.5 };
        k.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<double>();
            if (!(v >= 0 && v <= 1))
            {
                r.AddError($"--k must be in [0, 1]; it is {v.ToString(Inv)}.");
            }
        });
        var priceRule = CommonOptions.Choice("--price-rule", "Uniform price rule: k (k-double auction) or marginal (the marginal order's price, p_low).", "k", "k", "marginal");
        var lot = new Option<double>("--lot-kwh") { Description = "The unit size of McAfee's auction in kWh.", DefaultValueFactory = _ => 1.0 };
        lot.Validators.Add(r =>
        {
            var v = r.GetValueOrDefault<double>();
            if (!(v > 0 && double.IsFinite(v)))
            {
                r.AddError($"--lot-kwh must be positive; it is {v.ToString(Inv)}.");
            }
        });
        var format = CommonOptions.Format();
        var command = new Command("auction", "Clear a call auction per delivery slot: uniform price, pay-as-bid or McAfee's trade reduction.")
        {
            orders, mechanism, k, priceRule, lot, format,
        };
        command.SetAction(parse =>
        {
            ICallAuction auction = parse.GetValue(mechanism) switch
            {
                "pay-as-bid" => new PayAsBidAuction(),
                "mcafee" => new McAfeeAuction { LotKwh = parse.GetValue(lot) },
                _ => new UniformPriceAuction
                {
                    K = parse.GetValue(k),
                    PriceRule = parse.GetValue(priceRule) == "marginal" ? UniformPriceRule.MarginalOrder : UniformPriceRule.KDouble,
                },
            };
            return Run(context, parse.GetValue(orders)!, auction, parse.GetValue(format)!);
        });
        return command;
    }

    private static int Run(CliContext context, string path, ICallAuction auction, string format)
    {
        var load = AuctionOrderReader.Load(path);
        if (!load.IsValid)
        {
            ErrorPrinter.Print(context, format, path, load.Errors);
            return ExitCodes.InvalidInput;
        }

        var result = auction.Clear(load.Book!);
        if (format == "json")
        {
            Json.Write(context.Out, ToJson(auction, result));
        }
        else
        {
            WriteText(context, path, result);
        }

        return ExitCodes.Ok;
    }

    private static AuctionJson ToJson(ICallAuction auction, AuctionResult r)
    {
        static double? Round(double? v) => v is { } x ? Math.Round(x, 9) : null;
        var parameters = auction switch
        {
            UniformPriceAuction u => new AuctionParametersJson(PriceRule: u.PriceRule == UniformPriceRule.KDouble ? "k-double" : "marginal", K: u.K),
            McAfeeAuction m => new AuctionParametersJson(LotKwh: m.LotKwh),
            _ => new AuctionParametersJson(PaymentRule: "buyers pay their bid, sellers receive their ask"),
        };
        return new AuctionJson(
            r.Mechanism,
            parameters,
            r.Rules,
            [.. r.Slots.Select(s => new AuctionPriceJson(s.Slot, s.Label, Round(s.ClearingPriceEurPerMwh), Round(s.SellerPriceEurPerMwh)))],
            [.. r.Trades.Select(t => new AuctionTradeJson(
                t.Slot,
                t.Buyer.Value,
                t.Seller.Value,
                t.BuyOrder.Value,
                t.SellOrder.Value,
                Math.Round(t.QuantityKwh, 9),
                Math.Round(t.BuyerPriceEurPerMwh, 9),
                Math.Round(t.SellerPriceEurPerMwh, 9),
                t.BidEurPerMwh,
                t.AskEurPerMwh))],
            r.WelfareEur,
            r.SurplusEur,
            Math.Round(r.TradedVolumeKwh, 9),
            [.. r.Slots.Select(s => new AuctionSlotJson(
                s.Slot,
                s.Label,
                Round(s.ClearingPriceEurPerMwh),
                Round(s.SellerPriceEurPerMwh),
                Round(s.PriceLowEurPerMwh),
                Round(s.PriceHighEurPerMwh),
                Math.Round(s.EfficientVolumeKwh, 9),
                Math.Round(s.TradedVolumeKwh, 9),
                s.Trades.Count,
                s.WelfareEur,
                s.SurplusEur,
                s.Notes))],
            r.Warnings,
            "quantity in kWh, prices in EUR/MWh, welfare and surplus in EUR");
    }

    private static string P(double? v) => v is { } x ? x.ToString("0.####", Inv) : "-";

    private static void WriteText(CliContext context, string path, AuctionResult r)
    {
        var c = context.Console;
        c.Write(new Rule($"[bold]{Markup.Escape(r.Mechanism)} call auction[/]: {Markup.Escape(Path.GetFileName(path))}").LeftJustified());
        var slots = new Table().Border(TableBorder.Rounded)
            .AddColumn("Slot")
            .AddColumn(new TableColumn("Price EUR/MWh").RightAligned())
            .AddColumn(new TableColumn("Seller price").RightAligned())
            .AddColumn(new TableColumn("Interval").RightAligned())
            .AddColumn(new TableColumn("Efficient kWh").RightAligned())
            .AddColumn(new TableColumn("Traded kWh").RightAligned())
            .AddColumn(new TableColumn("Trades").RightAligned())
            .AddColumn(new TableColumn("Welfare EUR").RightAligned())
            .AddColumn(new TableColumn("Surplus EUR").RightAligned());
        foreach (var s in r.Slots)
        {
            slots.AddRow(
                Markup.Escape(s.Label),
                P(s.ClearingPriceEurPerMwh),
                P(s.SellerPriceEurPerMwh),
                $"[[{P(s.PriceLowEurPerMwh)}, {P(s.PriceHighEurPerMwh)}]]",
                s.EfficientVolumeKwh.ToString("0.###", Inv),
                s.TradedVolumeKwh.ToString("0.###", Inv),
                s.Trades.Count.ToString(Inv),
                s.WelfareEur.ToString("0.######", Inv),
                s.SurplusEur.ToString("0.######", Inv));
        }

        c.Write(slots);
        foreach (var s in r.Slots)
        {
            foreach (var note in s.Notes)
            {
                c.MarkupLine($"Slot {Markup.Escape(s.Label)}: {Markup.Escape(note)}");
            }
        }

        var trades = new Table().Border(TableBorder.Rounded)
            .AddColumn("Slot").AddColumn("Buyer").AddColumn("Seller")
            .AddColumn(new TableColumn("kWh").RightAligned())
            .AddColumn(new TableColumn("Buyer pays").RightAligned())
            .AddColumn(new TableColumn("Seller gets").RightAligned())
            .AddColumn(new TableColumn("Bid").RightAligned())
            .AddColumn(new TableColumn("Ask").RightAligned());
        foreach (var t in r.Trades)
        {
            trades.AddRow(
                Markup.Escape(r.Slots.First(s => s.Slot == t.Slot).Label),
                Markup.Escape(t.Buyer.Value),
                Markup.Escape(t.Seller.Value),
                t.QuantityKwh.ToString("0.###", Inv),
                P(t.BuyerPriceEurPerMwh),
                P(t.SellerPriceEurPerMwh),
                P(t.BidEurPerMwh),
                P(t.AskEurPerMwh));
        }

        c.Write(trades);
        c.MarkupLine($"Welfare: [bold]{r.WelfareEur.ToString("0.######", Inv)} EUR[/]   Operator surplus: [bold]{r.SurplusEur.ToString("0.######", Inv)} EUR[/]   Traded: {r.TradedVolumeKwh.ToString("0.###", Inv)} kWh");
        c.MarkupLine("Rules:");
        foreach (var rule in r.Rules)
        {
            c.MarkupLine($"  - {Markup.Escape(rule)}");
        }

        foreach (var warning in r.Warnings)
        {
            c.MarkupLine($"[yellow]warning:[/] {Markup.Escape(warning)}");
        }
    }
}
