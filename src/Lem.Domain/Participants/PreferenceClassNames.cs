namespace Lem.Domain.Participants;

/// <summary>The names of preference classes in the scenario format (<c>local</c>, <c>green</c>, <c>partners</c>).</summary>
public static class PreferenceClassNames
{
    private static readonly Dictionary<string, PreferenceClass> ByName = new(StringComparer.Ordinal)
    {
        ["local"] = PreferenceClass.Local,
        ["green"] = PreferenceClass.Green,
        ["partners"] = PreferenceClass.Partners,
    };

    /// <summary>Every class name, in the order of <see cref="PreferenceClass"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [.. ByName.Keys];

    /// <summary>The format name of a class.</summary>
    public static string Of(PreferenceClass preferenceClass) => ByName.First(kv => kv.Value == preferenceClass).Key;

    /// <summary>The class a format name stands for.</summary>
    public static bool TryParse(string name, out PreferenceClass preferenceClass) => ByName.TryGetValue(name, out preferenceClass);
}
