/// Key rotation statements (SPEC.md §9.4). A rotation is signed by the key being retired,
/// so a stolen enrolment token cannot rotate a site's key, and (for a site) also by the new
/// key, proving possession. After a hub accepts a site rotation the old key id answers
/// `unknown-signer`; after a node accepts a hub rotation it re-pins to the new keys.
public struct SiteKeyRotation: Hashable, Sendable {
    public var site: SiteID
    public var oldKeyID: KeyID
    public var newSigningKey: [UInt8]
    public var effectiveAt: String
    public var oldKeySignature: [UInt8]
    public var newKeySignature: [UInt8]

    /// A statement as received (e.g. by a hub from a file); `verify` checks it.
    public init(
        site: SiteID, oldKeyID: KeyID, newSigningKey: [UInt8], effectiveAt: String, oldKeySignature: [UInt8],
        newKeySignature: [UInt8]
    ) {
        self.site = site
        self.oldKeyID = oldKeyID
        self.newSigningKey = newSigningKey
        self.effectiveAt = effectiveAt
        self.oldKeySignature = oldKeySignature
        self.newKeySignature = newKeySignature
    }

    public static func make(site: SiteID, from old: SigningKeyPair, to new: SigningKeyPair, effectiveAt: String) -> SiteKeyRotation {
        var r = SiteKeyRotation(
            site: site, oldKeyID: old.keyID, newSigningKey: new.publicKey, effectiveAt: effectiveAt, oldKeySignature: [], newKeySignature: [])
        r.oldKeySignature = old.sign(r.canonicalBytes)
        r.newKeySignature = new.sign(r.canonicalBytes)
        return r
    }

    public var canonicalBytes: [UInt8] {
        var e = CanonicalEncoder()
        e.string("llnc/site-key-rotation/v1")
        e.string(site.laNumber)
        e.string(site.onsCode)
        e.string(oldKeyID.hex)
        e.bytes(newSigningKey)
        e.string(effectiveAt)
        return e.output
    }

    /// Checks both signatures; `oldSigningKey` is the key the hub has on record.
    public func verify(oldSigningKey: [UInt8]) throws(ProtocolError) {
        guard KeyID(ed25519: oldSigningKey) == oldKeyID else { throw .unknownSigner(keyID: oldKeyID.hex) }
        guard SigningKeyPair.verify(signature: oldKeySignature, message: canonicalBytes, publicKey: oldSigningKey),
            SigningKeyPair.verify(signature: newKeySignature, message: canonicalBytes, publicKey: newSigningKey)
        else { throw .signatureInvalid }
    }
}

/// The hub announces new keys signed by its current signing key; nodes that pinned the old
/// keys verify and re-pin.
public struct HubKeyRotation: Hashable, Sendable {
    public var oldPin: [UInt8]
    public var newKeys: HubKeySet
    public var effectiveAt: String
    public var signature: [UInt8]

    public static func make(from old: HubKeySet, oldSigningKey: SigningKeyPair, to new: HubKeySet, effectiveAt: String) -> HubKeyRotation {
        var r = HubKeyRotation(oldPin: old.pin, newKeys: new, effectiveAt: effectiveAt, signature: [])
        r.signature = oldSigningKey.sign(r.canonicalBytes)
        return r
    }

    public var canonicalBytes: [UInt8] {
        var e = CanonicalEncoder()
        e.string("llnc/hub-key-rotation/v1")
        e.bytes(oldPin)
        e.bytes(newKeys.sealingKey)
        e.bytes(newKeys.signingKey)
        e.string(effectiveAt)
        return e.output
    }

    /// Verifies against the keys the node has pinned; returns the new pin to store.
    public func verify(pinned: HubKeySet) throws(ProtocolError) -> [UInt8] {
        guard Sodium.constantTimeEqual(oldPin, pinned.pin) else { throw .hubKeyPinMismatch }
        guard SigningKeyPair.verify(signature: signature, message: canonicalBytes, publicKey: pinned.signingKey) else {
            throw .signatureInvalid
        }
        return newKeys.pin
    }
}
