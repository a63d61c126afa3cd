using Lem.Markets.Clearing;
using Lem.Simulation.Days;

namespace Lem.Simulation.Tests.Compare;

/// <summary>A day source that gives the same market every day.</summary>
internal sealed class FakeDaySource(MarketInput market) : IDaySource
{
    public string Name => "fake";

    public int DayCount => 7;

    public MarketInput ActualDay(int day) => market;
}
