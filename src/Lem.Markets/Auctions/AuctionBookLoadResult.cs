namespace Lem.Markets.Auctions;

/// <summary>The outcome of reading an orders CSV: the book when valid, otherwise every problem found.</summary>
public sealed record AuctionBookLoadResult
{
    /// <summary>The book; null when there are errors.</summary>
    public AuctionBook? Book { get; init; }

    /// <summary>Every problem found, each with <c>file:line</c>, a code and a sentence.</summary>
    public IReadOnlyList<ValidationError> Errors { get; init; } = [];

    /// <summary>Whether the file was read without problems.</summary>
    public bool IsValid => Errors.Count == 0 && Book is not null;
}
