namespace Lem.Scenarios;

/// <summary>Size limits that protect the platform from absurdly large inputs; inputs above them are refused.</summary>
public static class ScenarioLimits
{
    /// <summary>The largest scenario JSON file, 64 MiB.</summary>
    public const long MaxScenarioBytes = 64L * 1024 * 1024;

    /// <summary>The largest referenced CSV file (after decompression), 256 MiB.</summary>
    public const long MaxCsvBytes = 256L * 1024 * 1024;

    /// <summary>The deepest JSON nesting accepted.</summary>
    public const int MaxJsonDepth = 32;

    /// <summary>The most participants in a scenario.</summary>
    public const int MaxParticipants = 100_000;

    /// <summary>The most assets of one participant.</summary>
    public const int MaxAssetsPerParticipant = 1_000;

    /// <summary>The most preferences of one participant.</summary>
    public const int MaxPreferencesPerParticipant = 100;

    /// <summary>The most orders of one participant.</summary>
    public const int MaxOrdersPerParticipant = 100_000;

    /// <summary>The most steps of one order curve.</summary>
    public const int MaxStepsPerOrder = 100;

    /// <summary>The most columns of a CSV file.</summary>
    public const int MaxCsvColumns = 100_000;

    /// <summary>The most distinct CSV files one scenario may reference.</summary>
    public const int MaxCsvFiles = 1_000;
}
