using Lem.Domain.Validation;

namespace Lem.Grid.Import;

/// <summary>Collects the errors and warnings of one import.</summary>
internal sealed class ImportDiagnostics
{
    public List<ValidationError> Errors { get; } = [];

    public List<string> Warnings { get; } = [];

    public bool HasErrors => Errors.Count > 0;

    public void Error(string path, string code, string message) => Errors.Add(new ValidationError(path, code, message));

    public void Warn(string message) => Warnings.Add(message);
}
