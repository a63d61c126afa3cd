using Lem.Cluster;
using Lem.Markets.Distributed;

namespace Lem.Cli.Commands;

/// <summary>
/// <c>lem bench cluster</c>: exchange and P2P with synthetic households × 96 slots in process and over 1, 2, 4 silos of
/// an in-process Orleans cluster: time, iterations, messages, bytes, grain calls and the welfare gap to the centralised
/// pool (docs/cluster.md#measured-figures).
/// </summary>
internal static class ClusterBenchCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliContext context)
    {
        var format = CommonOptions.Format();
        var agents = new Option<string>("--agents") { Description = "Comma-separated market sizes (households).", DefaultValueFactory = _ => "10,100,1000" };
        var silos = new Option<string>("--silos") { Description = "Comma-separated silo counts; 0 is the in-process engine.", DefaultValueFactory = _ => "0,1,2,4" };
        var mechanisms = new Option<string>("--mechanism") { Description = "Comma-separated distributed mechanisms (exchange, community, p2p).", DefaultValueFactory = _ => "p2p,exchange" };
        var transport = new Option<string>("--transport") { Description = "hosts: one host grain per silo, one grain call per silo and round (default); grains: one grain per agent, one grain call per agent and message.", DefaultValueFactory = _ => "hosts" };
        var maxIterations = new Option<int?>("--max-iterations") { Description = "Cap on the ADMM iterations (default: the mechanisms' own cap), to measure the cost of a round at large sizes." };
        var storage = new Option<bool>("--storage") { Description = "Keep the households' batteries and EVs (local steps through the optimisation layer) instead of loads and PV only." };
        var command = new Command("cluster", "Exchange and P2P ADMM with synthetic households × 96 slots, in process and with the agents as Orleans grains over 1, 2 and 4 in-process silos (one run each).") { format, agents, silos, mechanisms, storage, transport, maxIterations };
        command.SetAction(parse =>
        {
            var sizes = Ints(parse.GetValue(agents)!);
            var counts = Ints(parse.GetValue(silos)!);
            var names = parse.GetValue(mechanisms)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var bad = names.Where(n => !ClearingMechanisms.Names.Contains(n) || ClearingMechanisms.Get(n) is not AdmmMechanism).ToList();
            var errors = new List<string>();
            if (sizes is null || sizes.Any(n => n is < 1 or > 100_000))
            {
                errors.Add("--agents: comma-separated sizes between 1 and 100000.");
            }

            if (counts is null || counts.Any(n => n is < 0 or > 16))
            {
                errors.Add("--silos: comma-separated counts between 0 and 16.");
            }

            if (names.Length == 0 || bad.Count > 0)
            {
                errors.Add("--mechanism: exchange, community or p2p (comma-separated).");
            }

            var mode = parse.GetValue(transport);
            if (mode is not ("hosts" or "grains"))
            {
                errors.Add("--transport: hosts or grains.");
            }

            var cap = parse.GetValue(maxIterations);
            if (cap is < 1)
            {
                errors.Add("--max-iterations: at least 1.");
            }

            if (errors.Count > 0)
            {
                foreach (var e in errors)
                {
                    context.Error.WriteLine($"lem: {e}");
                }

                return ExitCodes.Usage;
            }

            var json = parse.GetValue(format) == "json";
            if (!json)
            {
                context.Out.WriteLine("mechanism  agents  silos  time_s  iterations  messages  bytes  grain_calls  welfare_gap  status  pool_s");
            }

            var rows = ClusterBench.RunAsync(names, sizes!, counts!, parse.GetValue(storage), row =>
            {
                if (!json)
                {
                    context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{row.Mechanism,-9}  {row.Agents,6}  {row.Silos,5}  {row.Seconds,6:0.00}  {row.Iterations,10}  {row.Messages,8}  {row.Bytes,5}  {row.GrainCalls,11}  {row.WelfareGap,11:0.0e+0}  {row.Status}  {row.PoolSeconds:0.00}"));
                }
            }, mode == "grains" ? GrainTransport.AgentGrains : GrainTransport.SiloHosts, cap).GetAwaiter().GetResult();
            if (json)
            {
                context.Out.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true }));
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static List<int>? Ints(string text)
    {
        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
            {
                return null;
            }

            list.Add(v);
        }

        return list.Count > 0 ? list : null;
    }
}
