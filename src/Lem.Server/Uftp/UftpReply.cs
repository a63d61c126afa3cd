namespace Lem.Server.Uftp;

/// <summary>The HTTP answer to a POST of a SignedMessage: the status, the content type and the body.</summary>
/// <param name="Status">200 once the message is valid UFTP (its response inside), 4xx for transport errors.</param>
/// <param name="ContentType">text/xml for a response envelope, application/problem+json for a transport error.</param>
/// <param name="Body">The body (empty when a response message needs no answer).</param>
internal sealed record UftpReply(int Status, string ContentType, string Body);
