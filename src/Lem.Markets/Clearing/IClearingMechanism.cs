namespace Lem.Markets.Clearing;

/// <summary>
/// A market-clearing mechanism (docs/mechanisms/README.md). Implementations are registered by name in
/// <see cref="ClearingMechanisms"/>; <c>lem run --mechanism NAME</c> and the server's scenario markets find them there.
/// </summary>
public interface IClearingMechanism
{
    /// <summary>The registered name (lower case, as on the command line).</summary>
    string Name { get; }

    /// <summary>One sentence for help texts.</summary>
    string Description { get; }

    /// <summary>What the mechanism supports.</summary>
    ClearingCapabilities Capabilities { get; }

    /// <summary>Problems that keep the mechanism from clearing this request (empty when it can), each with a path and a code.</summary>
    IReadOnlyList<ValidationError> Check(ClearingRequest request);

    /// <summary>Clears the request. Expected outcomes (infeasible, not converged) are statuses of the result, not exceptions.</summary>
    ClearingResult Clear(ClearingRequest request);
}
