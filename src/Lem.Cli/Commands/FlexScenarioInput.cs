using Lem.Markets.Flexibility.Pricing;

namespace Lem.Cli.Commands;

/// <summary>What <c>lem flex</c> and <c>lem flex settle</c> share: loading a scenario with a flexibility section and writing a JSON file.</summary>
internal static class FlexScenarioInput
{
    /// <summary>Loads the scenario; prints the problems and returns null when it is invalid or has no flexibility section or grid.</summary>
    public static Scenario? Load(CliContext context, string path, string format, string missing)
    {
        var load = ScenarioReader.Load(path);
        if (!load.IsValid)
        {
            ErrorPrinter.Print(context, format, path, load.Errors, load.Warnings);
            return null;
        }

        var s = load.Scenario!;
        if (s.Flexibility is null || s.Grid is null)
        {
            ErrorPrinter.Print(context, format, path, [new ValidationError("$.flexibility", ValidationCodes.FieldMissing, missing)]);
            return null;
        }

        return s;
    }

    /// <summary>The <c>--pricing</c> option of <c>lem flex</c> and <c>lem flex settle</c>: a registered flexibility pricing rule, pay-as-bid by default.</summary>
    public static System.CommandLine.Option<string> PricingOption(string description) =>
        CommonOptions.Choice("--pricing", description, FlexPricingRules.Default.Name, [.. FlexPricingRules.Names]);

    /// <summary>Writes a record as indented JSON (UTF-8 without BOM) to a file in a folder.</summary>
    public static void WriteJson<T>(string folder, string file, T value)
    {
        using var writer = new StreamWriter(Path.Combine(folder, file), false, new UTF8Encoding(false));
        Json.Write(writer, value);
    }
}
