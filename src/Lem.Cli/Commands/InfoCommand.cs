using Lem.Domain.Participants;

namespace Lem.Cli.Commands;

/// <summary><c>lem info &lt;scenario&gt;</c>: a readable summary of a scenario.</summary>
public static class InfoCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var scenario = CommonOptions.Scenario();
        var format = CommonOptions.Format();
        var command = new Command("info", "Summarise a scenario: horizon, participants by role, assets, energy totals, prices and grid.") { scenario, format };
        command.SetAction(parse => Run(context, parse.GetValue(scenario)!, parse.GetValue(format)!));
        return command;
    }

    private static int Run(CliContext context, string path, string format)
    {
        var result = ScenarioReader.Load(path);
        if (!result.IsValid)
        {
            ErrorPrinter.Print(context, format, path, result.Errors, result.Warnings);

            return ExitCodes.InvalidInput;
        }

        var s = result.Scenario!;
        var summary = ScenarioSummary.Of(s);
        if (format == "json")
        {
            WriteJson(context, s, summary);
        }
        else
        {
            WriteText(context, s, summary);
        }

        return ExitCodes.Ok;
    }

    private static string Local(NodaTime.Instant instant, NodaTime.DateTimeZone zone) =>
        instant.InZone(zone).ToString("uuuu-MM-dd HH:mm o<g>", CultureInfo.InvariantCulture);

    private static string Plural(int n, string one, string many) => $"{n} {(n == 1 ? one : many)}";

    private static string F(double v, string format = "0.##") => v.ToString(format, CultureInfo.InvariantCulture);

    private static void WriteText(CliContext context, Scenario s, ScenarioSummary m)
    {
        var c = context.Console;
        c.Write(new Rule($"[bold]{Markup.Escape(s.Name)}[/]").LeftJustified());
        if (s.Description is not null)
        {
            c.MarkupLine(Markup.Escape(s.Description));
        }

        var h = s.Horizon;
        c.MarkupLine($"Horizon: {Local(h.Start, h.Zone)} to {Local(h.End, h.Zone)} ({h.Zone.Id}), {h.Count} slots of {h.SlotLength.Minutes} min");

        var roles = new Table().Border(TableBorder.Rounded).AddColumn("Role").AddColumn(new TableColumn("Participants").RightAligned());
        foreach (var (role, n) in m.ParticipantsByRole.Where(kv => kv.Value > 0))
        {
            roles.AddRow(RoleNames.Of(role), n.ToString(CultureInfo.InvariantCulture));
        }

        roles.AddRow("[bold]total[/]", $"[bold]{s.Participants.Count}[/]");
        var assets = new Table().Border(TableBorder.Rounded).AddColumn("Asset").AddColumn(new TableColumn("Count").RightAligned());
        foreach (var (kind, n) in m.AssetsByKind)
        {
            assets.AddRow(kind, n.ToString(CultureInfo.InvariantCulture));
        }

        c.Write(new Columns(roles, assets) { Expand = false });

        var energy = new Table().Border(TableBorder.Rounded).AddColumn("Quantity").AddColumn(new TableColumn("Value").RightAligned());
        energy.AddRow("Demand (inflexible + curtailable)", $"{F(m.DemandKwh, "0.0")} kWh");
        energy.AddRow("Peak demand", $"{F(m.PeakDemandKw, "0.0")} kW at {Local(h.Slots[m.PeakDemandSlot].Start, h.Zone)}");
        energy.AddRow("PV capacity / available energy", $"{F(m.Assets.PvCapacityKw, "0.0")} kW / {F(m.Assets.PvAvailableKwh, "0.0")} kWh");
        if (m.Assets.WindCapacityKw > 0)
        {
            energy.AddRow("Wind capacity / available energy", $"{F(m.Assets.WindCapacityKw, "0.0")} kW / {F(m.Assets.WindAvailableKwh, "0.0")} kWh");
        }

        energy.AddRow("Battery capacity / power", $"{F(m.Assets.BatteryCapacityKwh, "0.0")} kWh / {F(m.Assets.BatteryPowerKw, "0.0")} kW");
        energy.AddRow("EV energy to charge", $"{F(m.Assets.EvEnergyKwh, "0.0")} kWh");
        energy.AddRow("Flexible-load energy", $"{F(m.Assets.FlexibleEnergyKwh, "0.0")} kWh");
        if (m.Assets.HeatPumpThermalDemandKwh > 0)
        {
            energy.AddRow("Heat-pump heat demand", $"{F(m.Assets.HeatPumpThermalDemandKwh, "0.0")} kWh_th");
        }

        energy.AddRow("Orders (bids / offers)", $"{m.Bids} / {m.Offers}");
        var (min, mean, max) = m.WholesaleImportEurPerMwh;
        energy.AddRow("Wholesale import price (min / mean / max)", $"{F(min, "0.0")} / {F(mean, "0.0")} / {F(max, "0.0")} EUR/MWh");
        energy.AddRow("Retail / feed-in tariff (mean)", $"{F(m.RetailMeanEurPerKwh, "0.0000")} / {F(m.FeedInMeanEurPerKwh, "0.0000")} EUR/kWh");
        c.Write(energy);

        if (s.Grid is { } g)
        {
            c.MarkupLine($"Grid: [bold]{Markup.Escape(g.Name)}[/] ({g.SourceFormat}): {Plural(g.Buses.Count, "bus", "buses")}, {Plural(g.Lines.Count, "line", "lines")}, {Plural(g.Transformers.Count, "transformer", "transformers")}, {Plural(g.Loads.Count, "load", "loads")} ({F(g.TotalLoadPMw, "0.###")} MW)");
        }
        else
        {
            c.MarkupLine("Grid: none (copper plate)");
        }
    }

    private static void WriteJson(CliContext context, Scenario s, ScenarioSummary m)
    {
        var h = s.Horizon;
        Json.Write(context.Out, new InfoJson(
            s.Name,
            new InfoHorizonJson(h.Zone.Id, h.Start.ToString(), h.End.ToString(), h.SlotLength.Minutes, h.Count),
            s.Participants.Count,
            new(m.ParticipantsByRole.Select(kv => KeyValuePair.Create(RoleNames.Of(kv.Key), kv.Value))),
            new(m.AssetsByKind),
            m.DemandKwh,
            m.PeakDemandKw,
            m.Assets.PvCapacityKw,
            m.Assets.PvAvailableKwh,
            m.Assets.WindCapacityKw,
            m.Assets.WindAvailableKwh,
            m.Assets.BatteryCapacityKwh,
            m.Assets.BatteryPowerKw,
            m.Assets.EvEnergyKwh,
            m.Assets.FlexibleEnergyKwh,
            m.Assets.HeatPumpThermalDemandKwh,
            m.Bids,
            m.Offers,
            s.Grid is { } g ? new InfoGridJson(g.Name, g.Buses.Count, g.Lines.Count, g.Transformers.Count, g.Loads.Count) : null));
    }
}
