using System.Globalization;
using System.Text;

namespace Lem.Settlement.Invoices;

/// <summary>
/// File names for invoices: the participant id with every character other than letters, digits, <c>_</c>, <c>-</c> and
/// an inner <c>.</c> written as <c>%XX</c> (so ids with <c>/</c>, <c>:</c> or <c>@</c> make valid names on every system);
/// a name that equals <c>summary</c>, or equals an earlier name ignoring case, gets <c>~2</c>, <c>~3</c>, ... appended.
/// </summary>
public static class InvoiceFileNames
{
    /// <summary>The stem of the community summary's files.</summary>
    public const string SummaryStem = "summary";

    /// <summary>The file stem of every participant, in the given order.</summary>
    public static IReadOnlyDictionary<ParticipantId, string> Assign(IEnumerable<ParticipantId> participants)
    {
        ArgumentNullException.ThrowIfNull(participants);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { SummaryStem };
        var result = new Dictionary<ParticipantId, string>();
        foreach (var id in participants)
        {
            var stem = Escape(id.Value);
            var candidate = stem;
            for (var n = 2; !taken.Add(candidate); n++)
            {
                candidate = $"{stem}~{n}";
            }

            result[id] = candidate;
        }

        return result;
    }

    /// <summary>An id with the characters that are unsafe in file names written as <c>%XX</c>.</summary>
    public static string Escape(string id)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        var sb = new StringBuilder(id.Length);
        for (var i = 0; i < id.Length; i++)
        {
            var c = id[i];
            var safe = char.IsAsciiLetterOrDigit(c) || c is '_' or '-' || (c == '.' && i > 0 && i < id.Length - 1);
            if (safe)
            {
                sb.Append(c);
            }
            else
            {
                foreach (var b in Encoding.UTF8.GetBytes(c.ToString()))
                {
                    sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }
        }

        return sb.ToString();
    }
}
