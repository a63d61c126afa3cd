using Lem.Markets.OrderBook;
using NodaTime;

namespace Lem.Markets.Tests.OrderBook;

/// <summary>One request of a random sequence: the clock first moves by <paramref name="ClockStep"/>, then the request runs.</summary>
internal readonly record struct BookCommand(BookCommandKind Kind, Duration ClockStep, OrderEntry Entry, OrderKey Key, long PriceTicks, long Lots)
{
    public override string ToString() => Kind switch
    {
        BookCommandKind.Submit => $"[+{ClockStep}] Submit {Entry}",
        BookCommandKind.Cancel => $"[+{ClockStep}] Cancel {Key}",
        BookCommandKind.Amend => $"[+{ClockStep}] Amend {Key} to {Lots} @ {PriceTicks}",
        _ => $"[+{ClockStep}] {Kind}",
    };
}
