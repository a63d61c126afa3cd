using System.Globalization;
using Lem.Server.LoadTest;

namespace Lem.Server.Tests;

/// <summary>
/// The project's load generator (<see cref="LoadGenerator"/>) trading in its own continuous market
/// (<see cref="FaultTests.GeneratorMarket"/>) of a fault test's server, recording its participants and acknowledged orders
/// into a <see cref="FaultTests.FaultLog"/> for <see cref="FaultTests.CheckGeneratorMarket"/> after the restart.
/// </summary>
internal sealed class GeneratorRun : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly FaultTests.FaultLog _log;
    private Task<LoadTestResult>? _run;

    private GeneratorRun(FaultTests.FaultLog log) => _log = log;

    /// <summary>Creates the generator's market and starts the generator (4 participants × 2 keep-alive connections, for at most 5 minutes).</summary>
    public static async Task<GeneratorRun> StartAsync(HttpClient operatorHttp, Uri baseAddress, FaultTests.FaultLog log, int seed)
    {
        var start = DateTimeOffset.UtcNow.Date.AddDays(2).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var market = await FaultTests.Send(operatorHttp, HttpMethod.Post, "/v1/markets", FaultTests.OperatorKey,
            $$"""{"market_id":"{{FaultTests.GeneratorMarket}}","mechanism":"continuous","delivery_start":"{{start}}","slot_minutes":60,"slot_count":{{FaultTests.GeneratorSlots}},"gate_closure_lead_minutes":60,"tick_size_eur_per_mwh":1}""");
        Assert.Equal(201, market.Status);
        var run = new GeneratorRun(log);
        run._run = Task.Run(() => LoadGenerator.RunAsync(new LoadTestOptions
        {
            BaseAddress = baseAddress,
            OperatorKey = FaultTests.OperatorKey,
            Participants = FaultTests.GeneratorParticipants,
            ConnectionsPerParticipant = FaultTests.GeneratorConnections,
            Duration = TimeSpan.FromMinutes(5),
            MarketId = FaultTests.GeneratorMarket,
            Seed = seed,
            OnParticipantRegistered = (participant, key) => log.GeneratorKeys[participant] = key,
            OnOrderAcknowledged = log.AcknowledgeGenerated,
        }, run._stop.Token));
        return run;
    }

    /// <summary>Waits until the generator has <paramref name="acknowledged"/> orders acknowledged; fails when it ended before.</summary>
    public async Task WaitForAsync(int acknowledged)
    {
        while (_log.GeneratorAcknowledged < acknowledged)
        {
            if (_run!.IsCompleted)
            {
                await _run; // surfaces its failure, if any
                Assert.Fail("the load generator ended early");
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Asserts the generator is still running (its load overlaps the kill).</summary>
    public void AssertRunning() => Assert.False(_run!.IsCompleted, "the load generator ended before the kill");

    /// <summary>After the kill: waits for the generator to stop on its connection errors (cancelled after 20 s) and checks it saw the kill.</summary>
    public async Task StoppedByKillAsync()
    {
        _stop.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            var result = await _run!;
            Assert.True(result.TransportErrors > 0, "the load generator ended without seeing the kill");
            Assert.True(result.AcceptedOrders >= _log.GeneratorOrders.Count, $"{result.AcceptedOrders} accepted, {_log.GeneratorOrders.Count} acknowledged");
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Cancelled at the bound: its acknowledged orders were recorded as they came.
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
