using System.Globalization;
using System.Runtime.InteropServices;
using Lem.Domain.Reading;
using Lem.Domain.Validation;

namespace Lem.Grid.PowerFlow;

/// <summary>
/// Active and reactive power per time step for the first <see cref="LoadCount"/> loads of a network: load k is the
/// k-th entry of <see cref="GridNetwork.Loads"/> (file order). In a time series the values replace those loads' base
/// <see cref="Load.PMw"/> and <see cref="Load.QMvar"/> (the load's <see cref="Load.Scaling"/> still applies, as in
/// pandapower); every other injection stays as in the network.
/// </summary>
public sealed class LoadProfile
{
    /// <summary>The largest number of values (steps × loads × 2) a profile may hold.</summary>
    public const long MaxValues = 64_000_000;

    /// <summary>The largest profile file read, in bytes (256 MiB, compressed size for .gz files).</summary>
    public const long MaxFileBytes = 256L * 1024 * 1024;

    /// <summary>At most this many errors are reported for one file.</summary>
    private const int MaxErrors = 50;

    private readonly double[] _pMw;
    private readonly double[] _qMvar;
    private readonly int[] _stepNumbers;

    /// <summary>Creates a profile from values in step-major order (all loads of step 0, then step 1, ...).</summary>
    /// <param name="loadCount">The number of loads per step (at least 1).</param>
    /// <param name="pMw">Active power consumed per step and load in MW, length steps × <paramref name="loadCount"/>.</param>
    /// <param name="qMvar">Reactive power consumed per step and load in Mvar, same length.</param>
    /// <param name="stepNumbers">The label of each step; 0, 1, 2, ... when null.</param>
    /// <param name="sourceName">The name used in error locations.</param>
    /// <exception cref="ArgumentException">When the lengths do not match, there is no step or load, or a value is not finite.</exception>
    public LoadProfile(int loadCount, ReadOnlySpan<double> pMw, ReadOnlySpan<double> qMvar, IReadOnlyList<int>? stepNumbers = null, string sourceName = "profile")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(loadCount, 1);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        if (pMw.Length != qMvar.Length || pMw.Length == 0 || pMw.Length % loadCount != 0)
        {
            throw new ArgumentException($"The profile needs steps × {loadCount} active and reactive values (got {pMw.Length} and {qMvar.Length}).", nameof(pMw));
        }

        var steps = pMw.Length / loadCount;
        if (stepNumbers is not null && stepNumbers.Count != steps)
        {
            throw new ArgumentException($"There are {steps} steps but {stepNumbers.Count} step numbers.", nameof(stepNumbers));
        }

        for (var i = 0; i < pMw.Length; i++)
        {
            if (!double.IsFinite(pMw[i]) || !double.IsFinite(qMvar[i]))
            {
                throw new ArgumentException($"Value {i} (step {i / loadCount}, load {i % loadCount}) is not finite.", nameof(pMw));
            }
        }

        LoadCount = loadCount;
        SourceName = sourceName;
        _pMw = pMw.ToArray();
        _qMvar = qMvar.ToArray();
        _stepNumbers = stepNumbers is null ? [.. Enumerable.Range(0, steps)] : [.. stepNumbers];
    }

    /// <summary>The number of time steps.</summary>
    public int StepCount => _stepNumbers.Length;

    /// <summary>The number of loads per step (loads 0 .. LoadCount − 1 of the network).</summary>
    public int LoadCount { get; }

    /// <summary>The name used in error locations (the file name for a file).</summary>
    public string SourceName { get; }

    /// <summary>The label of step <paramref name="step"/> (the <c>step</c> column of a CSV file).</summary>
    public int StepNumber(int step) => _stepNumbers[step];

    /// <summary>The active power consumed by each load at step <paramref name="step"/> (0-based row), in MW.</summary>
    public ReadOnlySpan<double> PMwAt(int step) => _pMw.AsSpan(checked(step * LoadCount), LoadCount);

    /// <summary>The reactive power consumed by each load at step <paramref name="step"/> (0-based row), in Mvar.</summary>
    public ReadOnlySpan<double> QMvarAt(int step) => _qMvar.AsSpan(checked(step * LoadCount), LoadCount);

    /// <summary>
    /// Reads a wide CSV profile: a header <c>step, p_mw_0 .. p_mw_{n−1}, q_mvar_0 .. q_mvar_{n−1}</c> (the load
    /// columns in any order, each load with both columns) and one row per step with an integer step label and
    /// finite numbers. Gzip-compressed when the name ends in <c>.gz</c>. Never throws for bad content: every problem
    /// is returned as a <see cref="ValidationError"/> located as <c>file:line</c>.
    /// </summary>
    /// <exception cref="ArgumentException">When <paramref name="path"/> is null or empty.</exception>
    public static LoadProfileReadResult ReadCsv(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var name = Path.GetFileName(path);
        if (string.IsNullOrEmpty(name))
        {
            name = path;
        }

        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                return Failure(name, ValidationCodes.FileMissing, $"The load profile file '{path}' does not exist.");
            }

            if (info.Length > MaxFileBytes)
            {
                return Failure(name, ValidationCodes.SizeLimit, $"The load profile file is {info.Length / (1024.0 * 1024.0):F1} MiB; files larger than {MaxFileBytes / (1024 * 1024)} MiB are refused.");
            }

            using var reader = InputFiles.OpenText(path, MaxFileBytes);
            return ParseCsv(reader, name);
        }
        catch (InputTooLargeException)
        {
            return Failure(name, ValidationCodes.SizeLimit, InputFiles.TooLarge(name, MaxFileBytes).Message);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return Failure(name, ValidationCodes.FileMissing, $"The load profile file '{path}' cannot be read: {ex.Message}");
        }
    }

    /// <summary>Reads a wide CSV profile from text (see <see cref="ReadCsv"/>); <paramref name="sourceName"/> names it in error locations.</summary>
    /// <exception cref="ArgumentNullException">When <paramref name="reader"/> is null.</exception>
    /// <exception cref="ArgumentException">When <paramref name="sourceName"/> is null or empty.</exception>
    public static LoadProfileReadResult ParseCsv(TextReader reader, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentException.ThrowIfNullOrEmpty(sourceName);
        return new CsvParser(reader, sourceName).Parse();
    }

    /// <summary>
    /// Checks the profile against a network: every profile column must refer to an existing load, i.e. the network
    /// must have at least <see cref="LoadCount"/> loads. Returns the problems (empty when the profile fits).
    /// </summary>
    /// <exception cref="ArgumentNullException">When <paramref name="network"/> is null.</exception>
    public IReadOnlyList<ValidationError> Validate(GridNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (LoadCount <= network.Loads.Count)
        {
            return [];
        }

        var first = network.Loads.Count;
        return
        [
            new ValidationError(
                $"{SourceName}:1",
                ValidationCodes.ValueOutOfRange,
                $"The columns p_mw_{first} and q_mvar_{first} refer to load index {first}, but the network '{network.Name}' has only {network.Loads.Count} loads (indices 0 .. {network.Loads.Count - 1}); the profile has {LoadCount} loads."),
        ];
    }

    private static LoadProfileReadResult Failure(string path, string code, string message) =>
        new(null, [new ValidationError(path, code, message)]);

    /// <summary>The CSV reading state.</summary>
    private sealed class CsvParser(TextReader reader, string sourceName)
    {
        private readonly List<ValidationError> _errors = [];
        private readonly List<double> _p = [];
        private readonly List<double> _q = [];
        private readonly List<int> _steps = [];
        private int _line;

        public LoadProfileReadResult Parse()
        {
            try
            {
                return ParseCore();
            }
            catch (InvalidDataException ex)
            {
                // Corrupt gzip data.
                Error(_line + 1, ValidationCodes.FileMalformed, $"The file cannot be decompressed: {ex.Message}");
                return new LoadProfileReadResult(null, _errors);
            }
        }

        private LoadProfileReadResult ParseCore()
        {
            string? header;
            do
            {
                header = reader.ReadLine();
                _line++;
            }
            while (header is not null && string.IsNullOrWhiteSpace(header));

            if (header is null)
            {
                Error(1, ValidationCodes.FileMalformed, "The file is empty; expected a header 'step, p_mw_0, ..., q_mvar_0, ...'.");
                return new LoadProfileReadResult(null, _errors);
            }

            var headerLine = _line;
            if (!ReadHeader(header, headerLine, out var kinds, out var loads, out var loadCount))
            {
                return new LoadProfileReadResult(null, _errors);
            }

            var columns = kinds.Length;
            var rowP = new double[loadCount];
            var rowQ = new double[loadCount];
            string? text;
            while ((text = reader.ReadLine()) is not null)
            {
                _line++;
                if (string.IsNullOrWhiteSpace(text))
                {
                    continue;
                }

                if ((long)(_steps.Count + 1) * loadCount * 2 > MaxValues)
                {
                    Error(_line, ValidationCodes.SizeLimit, $"The profile has more than {MaxValues / 2 / loadCount} steps of {loadCount} loads; at most {MaxValues} values are read.");
                    break;
                }

                if (ReadRow(text.AsSpan(), kinds, loads, columns, rowP, rowQ, out var step))
                {
                    _steps.Add(step);
                    _p.AddRange(rowP);
                    _q.AddRange(rowQ);
                }

                if (_errors.Count >= MaxErrors)
                {
                    break;
                }
            }

            if (_errors.Count == 0 && _steps.Count == 0)
            {
                Error(headerLine, ValidationCodes.FileMalformed, "The file has a header but no data rows.");
            }

            return _errors.Count > 0
                ? new LoadProfileReadResult(null, _errors)
                : new LoadProfileReadResult(new LoadProfile(loadCount, CollectionsMarshal.AsSpan(_p), CollectionsMarshal.AsSpan(_q), _steps, sourceName), []);
        }

        /// <summary>Column kinds: 0 = step, 1 = p_mw_k, 2 = q_mvar_k; <paramref name="loads"/> holds k.</summary>
        private bool ReadHeader(string header, int line, out int[] kinds, out int[] loads, out int loadCount)
        {
            var names = header.Split(',').Select(n => n.Trim().Trim('"').Trim()).ToArray();
            kinds = new int[names.Length];
            loads = new int[names.Length];
            loadCount = 0;
            if (!string.Equals(names[0], "step", StringComparison.OrdinalIgnoreCase))
            {
                Error(line, ValidationCodes.SeriesColumn, $"The first column is '{names[0]}'; it must be 'step'.");
            }

            var pColumn = new Dictionary<int, int>();
            var qColumn = new Dictionary<int, int>();
            for (var c = 1; c < names.Length; c++)
            {
                var name = names[c];
                int kind;
                string digits;
                if (name.StartsWith("p_mw_", StringComparison.Ordinal))
                {
                    (kind, digits) = (1, name[5..]);
                }
                else if (name.StartsWith("q_mvar_", StringComparison.Ordinal))
                {
                    (kind, digits) = (2, name[7..]);
                }
                else
                {
                    Error(line, ValidationCodes.FieldUnknown, $"Column {c + 1} is named '{name}'; expected p_mw_<load index> or q_mvar_<load index>.");
                    continue;
                }

                if (digits.Length == 0 || digits.Length > 9 || !digits.All(char.IsAsciiDigit) || (digits.Length > 1 && digits[0] == '0'))
                {
                    Error(line, ValidationCodes.FieldUnknown, $"Column {c + 1} is named '{name}'; the load index must be a non-negative integer without leading zeros.");
                    continue;
                }

                var k = int.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
                var map = kind == 1 ? pColumn : qColumn;
                if (!map.TryAdd(k, c))
                {
                    Error(line, ValidationCodes.IdDuplicate, $"Column '{name}' appears twice (columns {map[k] + 1} and {c + 1}).");
                    continue;
                }

                kinds[c] = kind;
                loads[c] = k;
            }

            var count = pColumn.Count == 0 && qColumn.Count == 0 ? 0 : Math.Max(pColumn.Count == 0 ? -1 : pColumn.Keys.Max(), qColumn.Count == 0 ? -1 : qColumn.Keys.Max()) + 1;
            if (count == 0 && _errors.Count == 0)
            {
                Error(line, ValidationCodes.SeriesColumn, "The header has no load columns; expected p_mw_0 .. p_mw_{n-1} and q_mvar_0 .. q_mvar_{n-1}.");
            }

            for (var k = 0; k < count && _errors.Count < MaxErrors; k++)
            {
                if (!pColumn.ContainsKey(k))
                {
                    Error(line, ValidationCodes.SeriesColumn, $"The column p_mw_{k} is missing (the profile has columns up to load index {count - 1}, so every load 0 .. {count - 1} needs p_mw_k and q_mvar_k).");
                }

                if (!qColumn.ContainsKey(k))
                {
                    Error(line, ValidationCodes.SeriesColumn, $"The column q_mvar_{k} is missing (the profile has columns up to load index {count - 1}, so every load 0 .. {count - 1} needs p_mw_k and q_mvar_k).");
                }
            }

            loadCount = count;
            return _errors.Count == 0;
        }

        private bool ReadRow(ReadOnlySpan<char> text, int[] kinds, int[] loads, int columns, double[] rowP, double[] rowQ, out int step)
        {
            step = 0;
            var fields = 1;
            foreach (var c in text)
            {
                if (c == ',')
                {
                    fields++;
                }
            }

            if (fields != columns)
            {
                Error(_line, ValidationCodes.FileMalformed, $"The row has {fields} fields; the header has {columns}.");
                return false;
            }

            var ok = true;
            var rest = text;
            for (var c = 0; c < columns; c++)
            {
                var comma = rest.IndexOf(',');
                var field = (comma < 0 ? rest : rest[..comma]).Trim();
                rest = comma < 0 ? [] : rest[(comma + 1)..];
                if (kinds[c] == 0)
                {
                    if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) || s != Math.Floor(s) || s < int.MinValue || s > int.MaxValue)
                    {
                        Error(_line, ValidationCodes.ValueInvalid, $"The step '{field.ToString()}' is not an integer.");
                        ok = false;
                    }
                    else
                    {
                        step = (int)s;
                    }

                    continue;
                }

                var name = kinds[c] == 1 ? "p_mw_" : "q_mvar_";
                if (!double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    Error(_line, ValidationCodes.FieldType, $"Column {name}{loads[c]} holds '{field.ToString()}', which is not a number.");
                    ok = false;
                }
                else if (!double.IsFinite(value))
                {
                    Error(_line, ValidationCodes.ValueNotFinite, $"Column {name}{loads[c]} holds '{field.ToString()}'; values must be finite.");
                    ok = false;
                }
                else if (kinds[c] == 1)
                {
                    rowP[loads[c]] = value;
                }
                else
                {
                    rowQ[loads[c]] = value;
                }

                if (_errors.Count >= MaxErrors)
                {
                    return false;
                }
            }

            return ok;
        }

        private void Error(int line, string code, string message) =>
            _errors.Add(new ValidationError($"{sourceName}:{line}", code, message));
    }
}
