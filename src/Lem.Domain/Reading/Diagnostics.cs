using Lem.Domain.Validation;

namespace Lem.Domain.Reading;

/// <summary>Collects every problem found while reading an input, in the order found.</summary>
public sealed class Diagnostics
{
    /// <summary>The most problems kept; past it one final entry says that more were found.</summary>
    public const int MaxErrors = 1000;

    private readonly List<ValidationError> _errors = [];
    private readonly List<string> _warnings = [];
    private readonly List<ValidationError> _warningDetails = [];
    private bool _truncated;

    /// <summary>The problems found.</summary>
    public IReadOnlyList<ValidationError> Errors => _errors;

    /// <summary>Things worth telling that do not make the input invalid.</summary>
    public IReadOnlyList<string> Warnings => _warnings;

    /// <summary>
    /// The warnings recorded with a path and a code (<see cref="Warning(string, string, string)"/>); each is also in
    /// <see cref="Warnings"/> as text. A warning has the shape of a problem but does not make the input invalid.
    /// </summary>
    public IReadOnlyList<ValidationError> WarningDetails => _warningDetails;

    /// <summary>Whether any problem was found.</summary>
    public bool HasErrors => _errors.Count > 0;

    /// <summary>Records a problem.</summary>
    public void Error(string path, string code, string message)
    {
        if (_errors.Count < MaxErrors)
        {
            _errors.Add(new ValidationError(path, code, message));
        }
        else if (!_truncated)
        {
            _truncated = true;
            _errors.Add(new ValidationError("$", ValidationCodes.SizeLimit, $"More than {MaxErrors} problems were found; only the first {MaxErrors} are listed."));
        }
    }

    /// <summary>Records problems found by another reader.</summary>
    public void AddRange(IEnumerable<ValidationError> errors)
    {
        foreach (var e in errors)
        {
            Error(e.Path, e.Code, e.Message);
        }
    }

    /// <summary>Records a warning.</summary>
    public void Warning(string message) => _warnings.Add(message);

    /// <summary>Records a warning at a path, with a code; its text (<c>path: message [code]</c>) goes to <see cref="Warnings"/> too.</summary>
    public void Warning(string path, string code, string message)
    {
        var warning = new ValidationError(path, code, message);
        _warningDetails.Add(warning);
        _warnings.Add(warning.ToString());
    }
}
