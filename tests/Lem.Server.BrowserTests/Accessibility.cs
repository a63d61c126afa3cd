using Deque.AxeCore.Playwright;

namespace Lem.Server.BrowserTests;

/// <summary>The axe-core check of a page: no violation of serious or critical impact.</summary>
internal static class Accessibility
{
    public static async Task AssertNoSeriousViolations(IPage page, string what)
    {
        var result = await page.RunAxe();
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(serious.Count == 0, $"{what}: axe found {serious.Count} serious or critical violation(s): "
            + string.Join("; ", serious.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}")));
        Assert.NotEmpty(result.Passes);
    }
}
