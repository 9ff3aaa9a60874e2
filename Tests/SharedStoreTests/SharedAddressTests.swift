import Foundation
import Testing

@testable import SharedStore

/// `--store postgresql://…` is read the way the PostgreSQL tools read it.
struct SharedAddressTests {
  @Test func aFullURLNamesEverything() throws {
    let address = try SharedAddress.parse(
      "postgresql://zhang:pw@db.office:6543/cppcc?committee=xicheng&sslmode=require", environment: [:],
      home: "/none")
    #expect(address.user == "zhang")
    #expect(address.password == "pw")
    #expect(address.host == "db.office")
    #expect(address.port == 6543)
    #expect(address.database == "cppcc")
    #expect(address.committee == "xicheng")
    #expect(address.requiresTLS)
    #expect(!address.description.contains("pw"), "the password never shows in messages")
  }

  @Test func gapsAreFilledFromTheEnvironmentAndAFolderHostIsASocket() throws {
    let address = try SharedAddress.parse(
      "postgresql:///?committee=dongcheng&host=/run/pg",
      environment: ["PGUSER": "li", "PGPORT": "5544", "PGPASSWORD": "secret"], home: "/none")
    #expect(address.user == "li")
    #expect(address.host == nil)
    #expect(address.socketPath == "/run/pg/.s.PGSQL.5544")
    #expect(address.database == "li")
    #expect(address.password == "secret")
    #expect(!address.requiresTLS)
  }

  @Test func thePasswordFileIsReadWithWildcardsAndEscapes() throws {
    let home = NSTemporaryDirectory() + "pgpass-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: home) }
    try "# office\nother:*:*:zhang:wrong\ndb.office:*:cppcc:zhang:a\\:b\n"
      .write(toFile: home + "/.pgpass", atomically: true, encoding: .utf8)
    let address = try SharedAddress.parse(
      "postgresql://zhang@db.office/cppcc?committee=x", environment: [:], home: home)
    #expect(address.password == "a:b")
  }

  @Test func anAddressWithoutACommitteeIsRefusedInBothLanguages() {
    #expect(throws: SharedStoreError.noCommittee("postgresql://db/cppcc")) {
      try SharedAddress.parse("postgresql://db/cppcc", environment: [:], home: "/none")
    }
    let error = SharedStoreError.noCommittee("postgresql://db/cppcc")
    #expect(error.message(in: .zh).contains("委员会"))
    #expect(error.message(in: .en).contains("committee=NAME"))
  }
}

/// `sslmode` in the URL means what it means to psql: `require` encrypts even with the self-signed
/// certificate a district server usually has; `verify-ca` and `verify-full` check the certificate.
@Suite(.serialized)
struct SharedTLSTests {
  /// Whether the server says this connection is encrypted.
  static func encrypted(_ address: SharedAddress) throws -> Bool {
    let link = try Link.connect(address, application: "shangliang-test")
    defer { link.close() }
    let rows = try link.rows("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
    return try rows.first?.decode(Bool.self) ?? false
  }

  @Test func aURLThatAsksForTLSIsEncryptedAndTheVerifyingModesCheckTheCertificate() throws {
    let cluster = try PostgresCluster()
    defer { cluster.destroy() }
    let certificate = try cluster.restartOverTLS()
    let url = "postgresql://owner:\(cluster.ownerPassword)@127.0.0.1:\(cluster.port)/postgres?committee=x"
    func address(_ query: String) throws -> SharedAddress {
      try SharedAddress.parse(url + query, environment: [:], home: "/none")
    }
    do {
      // A self-signed certificate, as Debian's server makes: require and the default encrypt.
      #expect(try Self.encrypted(try address("&sslmode=require")))
      #expect(try Self.encrypted(try address("")), "libpq's default, prefer, encrypts when the server can")
      #expect(try !Self.encrypted(try address("&sslmode=disable")))
      // The verifying modes refuse a certificate no known authority signed, and say so.
      #expect {
        _ = try Self.encrypted(try address("&sslmode=verify-ca"))
      } throws: { error in
        guard case .unreachable(_, let detail) = error as? SharedStoreError else { return false }
        return detail.contains("CERTIFICATE_VERIFY_FAILED")
      }
      // With the certificate as the root: verify-ca passes; verify-full also wants the host's name.
      #expect(try Self.encrypted(try address("&sslmode=verify-ca&sslrootcert=\(certificate)")))
      #expect(throws: SharedStoreError.self) {
        _ = try Self.encrypted(try address("&sslmode=verify-full&sslrootcert=\(certificate)"))
      }
      // A mode psql would not know is refused before connecting.
      #expect(throws: SharedStoreError.badAddress(url + "&sslmode=on")) { try address("&sslmode=on") }
    }
  }
}
