using Lem.Server.Store;

namespace Lem.Server.Tests;

/// <summary>A real SQLite store whose commits can be held at a gate and made to fail, to drive the sequencer's group commit.</summary>
internal sealed class LoadTestGatedStore(string dataDirectory) : IMarketStore
{
    private readonly SqliteMarketStore _inner = new(dataDirectory);

    public ManualResetEventSlim Gate { get; } = new(true);

    public ManualResetEventSlim Entered { get; } = new(false);

    public volatile bool FailCommits;

    public LoadedState Load() => _inner.Load();

    public StoreVerification Verify(byte[] serverPublicKey, (long Sequence, string Hash)? expectedHead) => _inner.Verify(serverPublicKey, expectedHead);

    public void Commit(StoreBatch batch)
    {
        Entered.Set();
        Gate.Wait();
        if (FailCommits)
        {
            throw new IOException("disk full (test)");
        }

        _inner.Commit(batch);
    }

    public void Dispose()
    {
        _inner.Dispose();
        Gate.Dispose();
        Entered.Dispose();
    }
}
