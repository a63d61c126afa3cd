using System.Text.Json.Nodes;
using Lem.Ledger;
using Lem.Server.Engine;
using Lem.Server.Store;

namespace Lem.Server.Tests;

/// <summary>The sequencer's group commit: nothing is acknowledged or readable before its commit, and a failed commit stops it.</summary>
public sealed class LoadTestSequencerTests
{
    [Fact]
    public async Task While_a_commit_runs_readers_wait_and_a_failed_commit_fails_its_batch_and_everything_queued_behind_it()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-loadtest-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using (var store = new LoadTestGatedStore(dir))
            {
                var state = store.Load();
                var ledger = new ServerLedger(Ed25519KeyPair.Generate(), state.LastLedgerEntry);
                var engine = new MarketEngine(ledger);
                engine.Replay(state);
                var sequencer = new Sequencer(engine, store, ledger, TimeProvider.System, _ => { }, 512);
                await using (sequencer)
                {
                    Assert.Equal(201, (await Register(sequencer, "p0")).Status);

                    // p1's batch is held inside its commit: the engine stays locked, so no reader can see p1 yet, and p2 queues.
                    store.Entered.Reset();
                    store.Gate.Reset();
                    store.FailCommits = true;
                    var p1 = Register(sequencer, "p1");
                    store.Entered.Wait();
                    var p2 = Register(sequencer, "p2");
                    var readerGotIn = await Task.Run(() =>
                    {
                        var entered = Monitor.TryEnter(engine.SyncRoot);
                        if (entered)
                        {
                            Monitor.Exit(engine.SyncRoot);
                        }

                        return entered;
                    });
                    Assert.False(readerGotIn);
                    Assert.False(p1.IsCompleted);
                    Assert.False(p2.IsCompleted);

                    store.Gate.Set();
                    Assert.Equal(503, (await p1).Status);
                    Assert.Equal(503, (await p2).Status);
                    Assert.Equal(503, (await Register(sequencer, "p3")).Status);
                    Assert.NotNull(sequencer.Fault);
                }
            }

            // Only p0 reached the disk.
            using var reopened = new SqliteMarketStore(dir);
            var stored = reopened.Load();
            Assert.Equal(["p0"], stored.Participants.Select(p => p.ParticipantId));
            Assert.Single(stored.Commands);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task Concurrent_commands_are_acknowledged_after_their_commit_in_sequence_order()
    {
        var dir = Path.Combine(Path.GetTempPath(), "lem-loadtest-tests", Guid.NewGuid().ToString("N"));
        try
        {
            using (var store = new LoadTestGatedStore(dir))
            {
                var state = store.Load();
                var ledger = new ServerLedger(Ed25519KeyPair.Generate(), state.LastLedgerEntry);
                var engine = new MarketEngine(ledger);
                engine.Replay(state);
                await using var sequencer = new Sequencer(engine, store, ledger, TimeProvider.System, _ => { }, 16);
                var results = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => Register(sequencer, $"q{i}"))));
                Assert.All(results, r => Assert.Equal(201, r.Status));
            }

            // Every acknowledged command is stored, numbered 1..200 without gaps, under one valid ledger chain.
            using var reopened = new SqliteMarketStore(dir);
            var stored = reopened.Load();
            Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), stored.Commands.Select(c => c.Sequence));
            Assert.Equal(200, stored.Participants.Count);
            reopened.Dispose();
            using var db = DataFolder.OpenDatabaseReadOnly(dir);
            var entries = LedgerTable.ReadAll(db).ToList();
            Assert.True(entries.Count >= 200 / 16);
            Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Sequence));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    private static Task<CommandResult> Register(Sequencer sequencer, string id) =>
        sequencer.SubmitAsync(CommandKinds.RegisterParticipant, new JsonObject { ["participant_id"] = id, ["role"] = "participant", ["ed25519_public_key"] = null },
            MarketEngine.HashKey("key-" + id));
}
