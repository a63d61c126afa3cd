namespace Lem.Grid.Import.Matpower;

/// <summary>An evaluation error; <see cref="Silent"/> when it only follows from an earlier reported error.</summary>
internal sealed class MEvalException(string message, bool silent = false) : Exception(message)
{
    public bool Silent { get; } = silent;
}
