using Lem.Grid.Opf;
using Lem.Optimization;

namespace Lem.Cli.Commands;

/// <summary><c>lem opf &lt;case&gt; --formulation dc|ac|soc|lindistflow</c>: optimal power flow of a MATPOWER case with its generator costs.</summary>
public static class OpfCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("case") { Description = "A MATPOWER .m case with gencost (or a pandapower JSON file)." };
        var formulation = CommonOptions.Choice("--formulation", "dc, ac, soc or lindistflow.", "dc", "dc", "ac", "soc", "lindistflow");
        var format = CommonOptions.Format();
        var command = new Command("opf", "Optimal power flow: dispatch that minimises generation cost, with locational marginal prices.") { file, formulation, format };
        command.SetAction(parse => Run(context, parse.GetValue(file)!, parse.GetValue(formulation)!, parse.GetValue(format)!));
        return command;
    }

    private static int Run(CliContext context, string path, string formulationName, string format)
    {
        var network = CheckedNetworkImport.Import(path, out var errors);
        if (network is null)
        {
            ErrorPrinter.Print(context, format, path, errors);
            return ExitCodes.InvalidInput;
        }

        // MATPOWER's OPF lets the reference bus voltage move within its limits; a pool on an LV feeder holds the
        // external grid's set point instead (the formulation's default).
        var formulation = formulationName == "ac" && network.SourceFormat == Grid.Network.GridSourceFormat.Matpower
            ? new AcPolarFormulation { FixSlackVoltageMagnitude = false }
            : GridFormulations.ByName(formulationName);
        if (formulation.CannotRepresent(NetworkIndex.Build(network)) is { } why)
        {
            ErrorPrinter.Print(context, format, path, [new Domain.Validation.ValidationError("--formulation", "grid.formulation_not_applicable", $"The {formulationName} formulation cannot represent this network: {why}")]);
            return ExitCodes.InvalidInput;
        }

        OpfResult result;
        try
        {
            result = OptimalPowerFlow.Solve(network, formulation);
        }
        catch (ArgumentException ex)
        {
            // Costs the formulation cannot represent (cubic, concave) are the case's data, not a bug.
            ErrorPrinter.Print(context, format, path, [new Domain.Validation.ValidationError(Path.GetFileName(path), "opf.unsupported_cost", ex.Message)]);
            return ExitCodes.InvalidInput;
        }

        var status = result.Status.ToString().ToLowerInvariant();
        if (format == "json")
        {
            Json.Write(context.Out, new OpfJson(
                path,
                formulationName,
                status,
                result.Message,
                result.ObjectivePerHour,
                result.LossesMw,
                result.SolverName,
                result.SolverSeconds,
                [.. result.Buses.Select(b => new OpfBusJson(b.Id.Value, b.LmpPerMwh, b.VmPu))],
                [.. result.Generators.Select(g => new OpfGeneratorJson(g.Id, g.Bus.Value, g.PMw, g.QMvar, g.CostPerHour))]));
        }
        else
        {
            var c = context.Console;
            c.Write(new Rule($"[bold]Optimal power flow[/] ({formulationName}): {Markup.Escape(Path.GetFileName(path))}").LeftJustified());
            c.MarkupLine($"{(result.IsOptimal ? "[green]optimal[/]" : $"[red]{status}[/]")}: objective {result.ObjectivePerHour.ToString("0.0000", CultureInfo.InvariantCulture)} per hour, losses {result.LossesMw.ToString("0.0000", CultureInfo.InvariantCulture)} MW, {result.SolverName} {result.SolverSeconds.ToString("0.000", CultureInfo.InvariantCulture)} s");
            if (result.Message is not null)
            {
                c.MarkupLine(Markup.Escape(result.Message));
            }

            if (result.IsOptimal)
            {
                var t = new Table().Border(TableBorder.Rounded).AddColumn("Generator").AddColumn("Bus").AddColumn(new TableColumn("P (MW)").RightAligned()).AddColumn(new TableColumn("Cost per hour").RightAligned());
                foreach (var g in result.Generators.Take(30))
                {
                    t.AddRow(Markup.Escape(g.Id), Markup.Escape(g.Bus.Value), g.PMw.ToString("0.000", CultureInfo.InvariantCulture), g.CostPerHour.ToString("0.00", CultureInfo.InvariantCulture));
                }

                c.Write(t);
                var lmps = result.Buses.Select(b => b.LmpPerMwh).ToList();
                c.MarkupLine($"LMP range {lmps.Min().ToString("0.0000", CultureInfo.InvariantCulture)} … {lmps.Max().ToString("0.0000", CultureInfo.InvariantCulture)} per MWh over {lmps.Count} buses");
            }
        }

        return result.Status == SolveStatus.Optimal ? ExitCodes.Ok : ExitCodes.InvalidInput;
    }
}
