import ArgumentParser
import CSodium
import Foundation
import LLNCProtocol

/// Seal+sign and verify+open of 2,000-cell payloads through LLNCProtocol, beside raw
/// libsodium doing only the cryptography on the same bytes, so the cost of our encoding,
/// validation and checks is visible as the gap between the two.
struct ProtocolBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "protocol", abstract: "Envelope seal+sign and verify+open throughput beside raw libsodium.")

    @Option(help: "Cells per payload.") var cells = 2000
    @Option(help: "Envelopes per measurement.") var iterations = 200

    func run() throws {
        let site = try SiteID(laNumber: "353", onsCode: "E08000004")
        let siteKey = SigningKeyPair.generate()
        let hub = SealingKeyPair.generate()
        let hubKey = Envelope.HubSealingKey(publicKey: hub.publicKey)
        let payload = Payload(
            site: site, submissionID: UUID().uuidString.lowercased(), sequence: 1, catalogueVersion: "2025.1",
            cells: (0..<cells).map { i in
                Cell(
                    indicator: "indicator_\(i % 40)", definitionVersion: 1, period: "2024-25",
                    breakdown: ["age_band": "band_\(i / 40 % 10)", "category": "c\(i / 400)"], unit: .count,
                    status: i % 7 == 0 ? .suppressed : .rounded, value: i % 7 == 0 ? nil : String(10 + i % 500 * 5),
                    symbol: i % 7 == 0 ? .confidential : nil, reason: i % 7 == 0 ? "primary:threshold" : "rounded:base5")
            })
        let createdAt = Timestamp.format(Int64(Date().timeIntervalSince1970))
        let envelope = try Envelope.seal(payload, createdAt: createdAt, siteKey: siteKey, hubKey: hubKey)
        let wire = envelope.jsonBytes()
        let plaintext = payload.jsonBytes()
        let header = envelope.header.canonicalBytes

        let sealSign = try Stopwatch.rate(iterations: iterations) {
            _ = try Envelope.seal(payload, createdAt: createdAt, siteKey: siteKey, hubKey: hubKey).jsonBytes()
        }
        let verifyOpen = try Stopwatch.rate(iterations: iterations) {
            let e = try Envelope.decode(json: wire)
            try e.verifySignature(siteSigningKey: siteKey.publicKey)
            _ = try e.open(with: hub)
        }

        // Raw libsodium on the same bytes: seal the plaintext, sign the header; verify, open.
        let seedSK = siteKey.seed
        var pk = [UInt8](repeating: 0, count: 32)
        var sk = [UInt8](repeating: 0, count: 64)
        crypto_sign_seed_keypair(&pk, &sk, seedSK)
        var boxed = [UInt8](repeating: 0, count: plaintext.count + Int(crypto_box_sealbytes()))
        var sig = [UInt8](repeating: 0, count: 64)
        let rawSealSign = Stopwatch.rate(iterations: iterations) {
            crypto_box_seal(&boxed, plaintext, UInt64(plaintext.count), hub.publicKey)
            crypto_sign_detached(&sig, nil, header, UInt64(header.count), sk)
        }
        let sealed = envelope.ciphertext
        var opened = [UInt8](repeating: 0, count: plaintext.count)
        let hubSecret = try Self.hubSecretKey(hub)
        let rawVerifyOpen = Stopwatch.rate(iterations: iterations) {
            _ = crypto_sign_verify_detached(envelope.signature, header, UInt64(header.count), siteKey.publicKey)
            _ = crypto_box_seal_open(&opened, sealed, UInt64(sealed.count), hub.publicKey, hubSecret)
        }

        print(
            "protocol benchmark: \(cells)-cell payloads, plaintext \(plaintext.count) bytes, envelope \(wire.count) bytes, \(iterations) iterations")
        let w = [34, 14, 14]
        print(Stopwatch.row(["operation", "envelopes/s", "cells/s"], widths: w))
        for (name, rate) in [
            ("LLNC seal+sign (encode, JSON)", sealSign), ("raw libsodium seal+sign", rawSealSign),
            ("LLNC verify+open (parse, checks)", verifyOpen), ("raw libsodium verify+open", rawVerifyOpen),
        ] {
            print(Stopwatch.row([name, Stopwatch.format(rate), Stopwatch.format(rate * Double(cells), decimals: 0)], widths: w))
        }
        // Where verify+open spends its time, step by step.
        let decoded = try Envelope.decode(json: wire)
        let steps: [(String, Double)] = [
            ("parse envelope JSON", try Stopwatch.rate(iterations: iterations) { _ = try Envelope.decode(json: wire) }),
            (
                "verify signature + digest",
                try Stopwatch.rate(iterations: iterations) { try decoded.verifySignature(siteSigningKey: siteKey.publicKey) }
            ),
            ("open seal", Stopwatch.rate(iterations: iterations) { _ = hub.open(decoded.ciphertext) }),
            ("parse + validate payload", try Stopwatch.rate(iterations: iterations) { _ = try Payload.decode(json: plaintext) }),
            ("encode payload JSON", Stopwatch.rate(iterations: iterations) { _ = payload.jsonBytes() }),
        ]
        for (name, rate) in steps {
            print(Stopwatch.row(["  step: " + name, Stopwatch.format(1000 / rate, decimals: 2) + " ms"], widths: w))
        }
        print(
            "ratio LLNC/raw: seal+sign \(Stopwatch.format(sealSign / rawSealSign, decimals: 2)), verify+open \(Stopwatch.format(verifyOpen / rawVerifyOpen, decimals: 2))"
        )
    }

    /// libsodium's X25519 secret key for the benchmark's raw path, derived from the seed the
    /// same way `crypto_box_seed_keypair` does inside `SealingKeyPair`.
    static func hubSecretKey(_ hub: SealingKeyPair) throws -> [UInt8] {
        var pk = [UInt8](repeating: 0, count: 32)
        var sk = [UInt8](repeating: 0, count: 32)
        crypto_box_seed_keypair(&pk, &sk, hub.seed)
        guard pk == hub.publicKey else { throw ValidationError("seed does not reproduce the hub key") }
        return sk
    }
}
