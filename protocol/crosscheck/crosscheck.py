#!/usr/bin/env python3
"""A second implementation of protocol v1, written from SPEC.md alone with PyNaCl (libsodium),
run against the golden vectors. If the spec were ambiguous or the Swift code strayed from it,
the two would disagree here."""
import base64, hashlib, json, pathlib, re, struct, sys
import nacl.bindings as sodium
from nacl.public import Box, PrivateKey, PublicKey, SealedBox
from nacl.signing import SigningKey, VerifyKey
from nacl.exceptions import BadSignatureError, CryptoError

VECTORS = pathlib.Path(__file__).resolve().parent.parent / "vectors"
failures = []

def expect(cond, what):
    if not cond:
        failures.append(what)

# §3 canonical encoding
def u16(v): return struct.pack(">H", v)
def u32(v): return struct.pack(">I", v)
def u64(v): return struct.pack(">Q", v)
def bts(b): return u32(len(b)) + b
def s(text): return bts(text.encode("utf-8"))
def b2b(data, n=32): return hashlib.blake2b(data, digest_size=n).digest()

# §2 key ids and pin
def key_id(alg, pk): return b2b(s("llnc/key-id/v1") + s(alg) + bts(pk))[:16].hex()
def pin(seal_pk, sign_pk): return b2b(s("llnc/hub-keys/v1") + bts(seal_pk) + bts(sign_pk))

# §4.2
def header_bytes(h):
    return (s("llnc/envelope-header/v1") + u16(h["protocol_version"]) + s(h["site"]["la_number"])
            + s(h["site"]["ons_code"]) + s(h["site_key_id"]) + s(h["submission_id"]) + u64(h["sequence"])
            + s(h["created_at"]) + s(h["hub_key_id"]) + s(h["catalogue_version"])
            + bts(bytes.fromhex(h["payload_digest"])) + u64(h["payload_length"]))

# §5.3
def receipt_bytes(r):
    return (s("llnc/receipt/v1") + u16(r["protocol_version"]) + s(r["submission_id"]) + s(r["site"]["la_number"])
            + s(r["site"]["ons_code"]) + u64(r["sequence"]) + s(r["outcome"]) + s(r["reason_code"])
            + bts(bytes.fromhex(r["envelope_digest"])) + s(r["received_at"]) + u32(r["cells_stored"]) + s(r["hub_key_id"]))

def load(name): return json.loads((VECTORS / name).read_text())

# keys.json
for k in load("keys.json"):
    seed = bytes.fromhex(k["seedHex"])
    pk = bytes(SigningKey(seed).verify_key) if k["algorithm"] == "ed25519" else bytes(PrivateKey.from_seed(seed).public_key)
    expect(pk.hex() == k["publicKeyHex"], f"keys.json {k['name']}: public key")
    expect(key_id(k["algorithm"], pk) == k["keyID"], f"keys.json {k['name']}: key id")

# envelope.json
v = load("envelope.json")
env = json.loads(v["envelopeJSON"])
h = env["header"]
site = SigningKey(bytes.fromhex(v["siteSeedHex"]))
hub = PrivateKey.from_seed(bytes.fromhex(v["hubSealingSeedHex"]))
ct = base64.b64decode(env["ciphertext"], validate=True)
expect(header_bytes(h).hex() == v["headerCanonicalHex"], "envelope: canonical header")
expect(b2b(header_bytes(h)).hex() == v["headerDigestHex"], "envelope: header digest")
expect(b2b(ct).hex() == h["payload_digest"] == v["payloadDigestHex"], "envelope: payload digest")
try:
    VerifyKey(bytes(site.verify_key)).verify(header_bytes(h), base64.b64decode(env["signature"]))
except BadSignatureError:
    failures.append("envelope: signature")
expect(SealedBox(hub).decrypt(ct) == v["plaintextUTF8"].encode(), "envelope: sealed box opens to the plaintext")
eph = PrivateKey.from_seed(bytes.fromhex(v["ephemeralSeedHex"]))
epk = bytes(eph.public_key)
nonce = b2b(epk + bytes(hub.public_key), 24)
rebuilt = epk + Box(eph, hub.public_key).encrypt(v["plaintextUTF8"].encode(), nonce).ciphertext
expect(rebuilt.hex() == v["ciphertextHex"], "envelope: deterministic seal rebuilt from the spec")
payload = json.loads(v["plaintextUTF8"])
for f in ("site", "submission_id", "sequence", "catalogue_version", "protocol_version"):
    expect(payload[f] == h[f], f"envelope: inner {f}")

# receipt.json
r = load("receipt.json")
rec = json.loads(r["receiptJSON"])
hub_sign = SigningKey(bytes.fromhex(r["hubSigningSeedHex"]))
expect(receipt_bytes(rec).hex() == r["canonicalHex"], "receipt: canonical bytes")
expect(rec["envelope_digest"] == r["forEnvelopeHeaderDigestHex"], "receipt: envelope digest")
expect(rec["hub_key_id"] == key_id("ed25519", bytes(hub_sign.verify_key)), "receipt: hub key id")
try:
    hub_sign.verify_key.verify(receipt_bytes(rec), base64.b64decode(rec["signature"]))
except BadSignatureError:
    failures.append("receipt: signature")

# enrolment.json
e = load("enrolment.json")
keys = json.loads(e["hubKeysJSON"])
seal_pk, sign_pk = base64.b64decode(keys["sealing_key"]), base64.b64decode(keys["signing_key"])
expect(pin(seal_pk, sign_pk).hex() == e["hubKeysPinHex"], "enrolment: pin")
parts = e["token"].split(":")
expect(len(parts) == 5 and parts[0] == "llnc-enrol-v1" and parts[4] == e["hubKeysPinHex"], "enrolment: token form")
expect(base64.urlsafe_b64decode(parts[3] + "=" * (-len(parts[3]) % 4)).hex() == e["tokenSecretHex"], "enrolment: token secret")
req = json.loads(e["requestJSON"])
req_bytes = (s("llnc/enrolment-request/v1") + u16(req["protocol_version"]) + s(req["site"]["la_number"])
             + s(req["site"]["ons_code"]) + bts(base64.b64decode(req["token_secret"])) + bts(base64.b64decode(req["signing_key"])))
expect(req_bytes.hex() == e["requestCanonicalHex"], "enrolment: request canonical bytes")
try:
    VerifyKey(base64.b64decode(req["signing_key"])).verify(req_bytes, base64.b64decode(req["signature"]))
except BadSignatureError:
    failures.append("enrolment: proof of possession")

# negative/*.json: the hub's checks in the order of SPEC.md §6
def parse_ts(t):
    import calendar, time
    if not re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", t): raise ValueError(t)
    return calendar.timegm(time.strptime(t, "%Y-%m-%dT%H:%M:%SZ"))

class DuplicateKey(ValueError):
    pass

def no_duplicates(pairs):
    """SPEC.md §4.1: an object naming a member twice is malformed (json decodes escapes first)."""
    names = [k for k, _ in pairs]
    if len(set(names)) != len(names): raise DuplicateKey(names)
    return dict(pairs)

def canonical_b64(text):
    """SPEC.md §4.1: base64 with padding, in the spelling encoding the bytes gives."""
    raw = base64.b64decode(text, validate=True)
    if base64.b64encode(raw).decode() != text: raise ValueError("non-canonical base64")
    return raw

def hub_check(envelope_json, ctx):
    try:
        env = json.loads(envelope_json, object_pairs_hook=no_duplicates)
    except DuplicateKey:
        return "malformed"
    h = env["header"]
    if h.get("protocol_version") != 1: return "unsupported-version"
    if not re.fullmatch(r"[0-9a-f]{64}", h["payload_digest"]): return "malformed"
    try:
        signature, ct = canonical_b64(env["signature"]), canonical_b64(env["ciphertext"])
    except ValueError:
        return "malformed"
    if len(signature) != 64: return "malformed"
    known_pk = bytes.fromhex(ctx["knownSiteKeyHex"])
    if h["site"]["la_number"] != ctx["knownSiteLANumber"] or h["site_key_id"] != key_id("ed25519", known_pk):
        return "unknown-signer"
    try:
        VerifyKey(known_pk).verify(header_bytes(h), signature)
    except BadSignatureError:
        return "signature-invalid"
    if b2b(ct).hex() != h["payload_digest"]: return "ciphertext-tampered"
    hub = PrivateKey.from_seed(bytes.fromhex(ctx["hubSealingSeedHex"]))
    if h["hub_key_id"] != key_id("x25519", bytes(hub.public_key)): return "wrong-hub-key"
    if parse_ts(h["created_at"]) - parse_ts(ctx["now"]) > 300: return "clock-skew"
    digest = b2b(header_bytes(h)).hex()
    if h["submission_id"] in ctx["accepted"]:
        return "duplicate" if ctx["accepted"][h["submission_id"]] == digest else "submission-id-reused"
    if h["sequence"] <= ctx["highestAcceptedSequence"]: return "sequence-regressed"
    try:
        payload = json.loads(SealedBox(hub).decrypt(ct))
    except CryptoError:
        return "seal-open-failed"
    for f in ("protocol_version", "site", "submission_id", "sequence", "catalogue_version"):
        if payload[f] != h[f]: return "inner-identity-mismatch"
    return "accepted"

negatives = sorted((VECTORS / "negative").glob("*.json"))
expect(len(negatives) >= 6, "negative vectors present")
for path in negatives:
    n = json.loads(path.read_text())
    got = hub_check(n["envelopeJSON"], n["context"])
    expect(got == n["expectedError"], f"negative/{path.name}: expected {n['expectedError']}, got {got}")

for f in failures:
    print("FAIL", f)
checks = "keys, envelope, receipt, enrolment, %d negative vectors" % len(negatives)
print(f"crosscheck ({checks}): {len(failures)} failed" if failures else f"crosscheck ({checks}): 0 failed")
sys.exit(1 if failures else 0)
