namespace Lem.Server.Store;

/// <summary>One accepted command in the command log, replayed in sequence on restart.</summary>
/// <param name="Sequence">The command's number, from 1, without gaps.</param>
/// <param name="Time">The server time the command was executed at.</param>
/// <param name="Kind">create_market, register_participant, submit_order, amend_order, cancel_order or gate_closure.</param>
/// <param name="PayloadJson">The command's fields as JSON.</param>
internal sealed record StoredCommand(long Sequence, NodaTime.Instant Time, string Kind, string PayloadJson);
