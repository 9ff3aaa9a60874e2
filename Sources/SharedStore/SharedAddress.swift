import Foundation

/// Where a shared store lives: `postgresql://user@host:port/db?committee=NAME`, with the gaps filled
/// the way the PostgreSQL tools fill them (PGUSER, PGHOST, PGPORT, PGDATABASE, PGPASSWORD, ~/.pgpass).
public struct SharedAddress: Sendable, Equatable {
  public var user: String
  /// A host name, or nil for the server's unix socket in `socketFolder`.
  public var host: String?
  public var socketFolder: String
  public var port: Int
  public var database: String
  public var committee: String
  public var password: String?
  /// How the connection is encrypted: the URL's `sslmode` (or PGSSLMODE), as libpq reads it.
  public var tls: TLSMode
  /// The certificate authorities the server's certificate is checked against: `sslrootcert` (or
  /// PGSSLROOTCERT), else `~/.postgresql/root.crt` as with libpq; the system's when no such file exists.
  public var rootCertificates: String?

  /// The URL's `sslmode`, with libpq's meanings.
  public enum TLSMode: String, Sendable, Equatable, CaseIterable {
    /// Never encrypted.
    case disable
    /// Encrypted when the server offers it (`allow` is taken as `prefer`); libpq's default.
    case allow, prefer
    /// Always encrypted; the certificate is checked only when a root certificate file is there.
    case require
    /// Encrypted, and the certificate must be signed by a known authority.
    case verifyCA = "verify-ca"
    /// As `verify-ca`, and the certificate must name the host connected to.
    case verifyFull = "verify-full"
  }

  /// `sslmode=require` (or verify-*): the connection must be encrypted.
  public var requiresTLS: Bool { [.require, .verifyCA, .verifyFull].contains(tls) }

  /// Whether a `--store` value names a shared store rather than a folder.
  public static func isSharedURL(_ text: String) -> Bool {
    text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
  }

  /// Reads the URL; `environment` and `home` supply what it leaves out.
  public static func parse(
    _ text: String, environment: [String: String] = ProcessInfo.processInfo.environment,
    home: String = NSHomeDirectory()
  ) throws(SharedStoreError) -> SharedAddress {
    guard isSharedURL(text), let url = URLComponents(string: text) else { throw .badAddress(text) }
    var query: [String: String] = [:]
    for item in url.queryItems ?? [] { query[item.name] = item.value ?? "" }
    guard let committee = query["committee"], !committee.isEmpty else { throw .noCommittee(text) }
    let user =
      url.user.flatMap { $0.isEmpty ? nil : $0 } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
    // As with libpq, `?host=/folder` names a unix socket's folder and wins over the URL's host.
    var host =
      query["host"] ?? url.host.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding }
      ?? environment["PGHOST"]
    var socketFolder = "/var/run/postgresql"
    if let named = host, named.hasPrefix("/") {
      socketFolder = named
      host = nil
    }
    let port = url.port ?? environment["PGPORT"].flatMap { Int($0) } ?? 5432
    let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
    let database = path.isEmpty ? (environment["PGDATABASE"] ?? user) : path
    let sslMode = query["sslmode"] ?? environment["PGSSLMODE"] ?? TLSMode.prefer.rawValue
    guard let tls = TLSMode(rawValue: sslMode) else { throw .badAddress(text) }
    let roots = query["sslrootcert"] ?? environment["PGSSLROOTCERT"] ?? home + "/.postgresql/root.crt"
    var address = SharedAddress(
      user: user, host: host, socketFolder: socketFolder, port: port, database: database,
      committee: committee, password: url.password, tls: tls,
      rootCertificates: FileManager.default.fileExists(atPath: roots) ? roots : nil)
    if address.password == nil {
      address.password =
        environment["PGPASSWORD"] ?? PasswordFile.lookup(address, environment: environment, home: home)
    }
    return address
  }

  /// The server's socket file when no host is named.
  public var socketPath: String { socketFolder + "/.s.PGSQL." + String(port) }

  /// The address without a password, for messages and logs.
  public var description: String {
    let place = host.map { "\($0):\(port)" } ?? socketPath
    return "postgresql://\(user)@\(place)/\(database)?committee=\(committee)"
  }
}

/// `~/.pgpass` (or PGPASSFILE): `host:port:database:user:password`, `*` matching anything.
enum PasswordFile {
  static func lookup(_ address: SharedAddress, environment: [String: String], home: String) -> String? {
    let path = environment["PGPASSFILE"] ?? home + "/.pgpass"
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
    // A socket connection matches the host "localhost", as libpq does.
    let host = address.host ?? "localhost"
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let fields = splitFields(String(line))
      guard fields.count == 5 else { continue }
      let wanted = [host, String(address.port), address.database, address.user]
      if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
    }
    return nil
  }

  /// Splits on unescaped colons; `\:` and `\\` stand for themselves.
  static func splitFields(_ line: String) -> [String] {
    var fields: [String] = []
    var current = ""
    var escaped = false
    for character in line {
      if escaped {
        current.append(character)
        escaped = false
      } else if character == "\\" {
        escaped = true
      } else if character == ":" {
        fields.append(current)
        current = ""
      } else {
        current.append(character)
      }
    }
    fields.append(current)
    return fields
  }
}
