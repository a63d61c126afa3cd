namespace Lem.Server.Engine;

/// <summary>The wire names of roles.</summary>
internal static class RoleNames
{
    /// <summary>The wire name of a role.</summary>
    public static string Name(Role role) => role switch
    {
        Role.Operator => "operator",
        Role.Participant => "participant",
        Role.Dso => "dso",
        _ => "public",
    };

    /// <summary>The role of a wire name; <see cref="Role.Public"/> for anything else.</summary>
    public static Role Parse(string name) => name switch
    {
        "operator" => Role.Operator,
        "participant" => Role.Participant,
        "dso" => Role.Dso,
        _ => Role.Public,
    };
}
