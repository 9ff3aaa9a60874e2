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
