using System.Text.Json.Nodes;
using Lem.Testing;

namespace Lem.Ledger.Tests;

public sealed class CanonicalSignatureTests
{
    [Fact]
    public void Verify_SameOrderReformatted_True_ChangedOrOtherKey_False()
    {
        var participant = Ed25519KeyPair.Generate();
        var order = JsonNode.Parse("{\"side\":\"buy\",\"price_eur_per_mwh\":95.0,\"quantity_kwh\":4}")!;

        var signature = CanonicalSignature.Sign(order, participant);

        // The signature covers the canonical bytes, checked here with the plain Ed25519 API.
        Assert.True(Ed25519.Verify(participant.PublicKey, "{\"price_eur_per_mwh\":95,\"quantity_kwh\":4,\"side\":\"buy\"}"u8.ToArray(), Convert.FromBase64String(signature)));
        var reformatted = JsonNode.Parse("{ \"quantity_kwh\": 4, \"price_eur_per_mwh\": 95, \"side\": \"buy\" }")!;
        Assert.True(CanonicalSignature.Verify(reformatted, participant.PublicKeyBase64, signature));
        Assert.False(CanonicalSignature.Verify(JsonNode.Parse("{\"side\":\"buy\",\"price_eur_per_mwh\":96,\"quantity_kwh\":4}")!, participant.PublicKeyBase64, signature));
        Assert.False(CanonicalSignature.Verify(order, Ed25519KeyPair.Generate().PublicKeyBase64, signature));
        Assert.False(CanonicalSignature.Verify(order, "garbage", signature));
    }

    [Fact]
    public void LedgerEntryToJson_HasSnakeCaseFieldsAndParsedPayload()
    {
        var entry = LedgerChain.Append(null, "gate.cleared", new JsonObject { ["root"] = "ab" }, LedgerTestData.Start, Ed25519KeyPair.Generate());

        var json = entry.ToJson();

        Assert.Equal(1, json["sequence"]!.GetValue<long>());
        Assert.Equal("ab", json["payload"]!["root"]!.GetValue<string>());
        Assert.Equal(entry.Hash, json["hash"]!.GetValue<string>());
        Assert.Equal(entry.PreviousHash, json["previous_hash"]!.GetValue<string>());
        Assert.Equal(entry.Signature, json["signature"]!.GetValue<string>());
        Assert.Equal(entry.Timestamp, json["timestamp"]!.GetValue<string>());
    }
}
