namespace Lem.Cli.Commands;

/// <summary><c>lem ledger</c>: checks the market server's signed ledger and the Merkle inclusion proofs it hands out.</summary>
public static class LedgerCommand
{
    /// <summary>Creates the <c>ledger</c> command with its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var ledger = new Command("ledger", "Check the market server's tamper-evident ledger (hash chain signed with the server's Ed25519 key) and Merkle inclusion proofs.");
        ledger.Subcommands.Add(LedgerVerifyCommand.Create(context));
        ledger.Subcommands.Add(LedgerProofVerifyCommand.Create(context));
        return ledger;
    }
}
