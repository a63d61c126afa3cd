namespace Lem.Domain.Participants;

/// <summary>The partners a participant's premium is for (docs/scenario-format.md#preferences).</summary>
public enum PreferenceClass
{
    /// <summary>Participants on the same feeder, or within an electrical distance.</summary>
    Local,

    /// <summary>Participants with a renewable asset (PV, wind).</summary>
    Green,

    /// <summary>The participants named in the preference.</summary>
    Partners,
}
