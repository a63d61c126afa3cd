namespace Lem.Domain.Ids;

/// <summary>The rules every user-given id follows: 1 to 64 characters from letters, digits and <c>_ - . : @ /</c>.</summary>
public static class IdRules
{
    /// <summary>The longest id accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>Returns why <paramref name="value"/> is not a valid id, or null when it is.</summary>
    public static string? Problem(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "An id must not be empty.";
        }

        if (value.Length > MaxLength)
        {
            return $"The id '{value[..16]}…' has {value.Length} characters; at most {MaxLength} are allowed.";
        }

        foreach (var c in value)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or ':' or '@' or '/'))
            {
                return $"The id '{value}' contains '{c}'; ids may contain only letters, digits and _ - . : @ /.";
            }
        }

        return null;
    }

    /// <summary>Returns the value when it is a valid id; throws <see cref="ArgumentException"/> otherwise.</summary>
    public static string Require(string? value, string paramName)
    {
        var problem = Problem(value);
        return problem is null ? value! : throw new ArgumentException(problem, paramName);
    }
}
