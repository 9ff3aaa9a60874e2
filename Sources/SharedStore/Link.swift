import Foundation
import Logging
import PostgresNIO

/// One connection to the server, used from one thread at a time; a failure that is not the server's
/// answer (a broken connection) is reported as `.unreachable`, so the store can go offline.
final class Link {
  let address: SharedAddress
  let connection: PostgresConnection
  let logger: Logger

  private init(address: SharedAddress, connection: PostgresConnection, logger: Logger) {
    self.address = address
    self.connection = connection
    self.logger = logger
  }

  /// Connects and logs in. `application` names the app's sessions so others can see who is working.
  static func connect(
    _ address: SharedAddress, application: String, timeout: TimeAmount = .seconds(3)
  ) throws(SharedStoreError) -> Link {
    let logger = Logger(label: "shangliang.shared")
    var configuration: PostgresConnection.Configuration
    if let host = address.host {
      let tls: PostgresConnection.Configuration.TLS
      do {
        tls = try tlsSetting(address)
      } catch {
        throw .unreachable(address: address.description, detail: String(describing: error))
      }
      configuration = .init(
        host: host, port: address.port, username: address.user, password: address.password,
        database: address.database, tls: tls)
    } else {
      configuration = .init(
        unixSocketPath: address.socketPath, username: address.user, password: address.password,
        database: address.database)
    }
    configuration.options.connectTimeout = timeout
    configuration.options.additionalStartupParameters = [("application_name", application)]
    let ready = configuration
    let id = Int.random(in: 1...Int.max)
    do {
      let connection = try Blocking.run {
        try await PostgresConnection.connect(configuration: ready, id: id, logger: logger)
      }
      return Link(address: address, connection: connection, logger: logger)
    } catch {
      throw Link.classify(error, address: address)
    }
  }

  /// The URL's `sslmode` as libpq means it: `require` encrypts without checking the certificate
  /// (a self-signed one, as a district server usually has, is fine) unless a root certificate file
  /// is there; `verify-ca` checks it was signed by the root certificates; `verify-full` also that it
  /// names the host. A socket on this machine is never encrypted, as with libpq.
  static func tlsSetting(_ address: SharedAddress) throws -> PostgresConnection.Configuration.TLS {
    func context(_ verification: CertificateVerification) throws -> NIOSSLContext {
      var configuration = TLSConfiguration.makeClientConfiguration()
      configuration.certificateVerification = verification
      if let roots = address.rootCertificates { configuration.trustRoots = .file(roots) }
      return try NIOSSLContext(configuration: configuration)
    }
    switch address.tls {
    case .disable: return .disable
    case .allow, .prefer: return .prefer(try context(.none))
    case .require:
      return .require(try context(address.rootCertificates == nil ? .none : .noHostnameVerification))
    case .verifyCA: return .require(try context(.noHostnameVerification))
    case .verifyFull: return .require(try context(.fullVerification))
    }
  }

  /// How long an ordinary statement may go unanswered before the link counts as gone. A server that
  /// died mid-answer, a half-open network, or the library losing a query on a closing connection would
  /// otherwise leave the app waiting for ever.
  static let answerLimit: TimeAmount = .seconds(15)
  /// For reads that may carry a whole committee's stream (opening, catching up after a long absence).
  static let longReadLimit: TimeAmount = .minutes(5)

  private struct NoAnswer: Error {}

  /// Runs a statement and returns every row; no answer within `limit` closes the link (`.unreachable`).
  func rows(_ query: PostgresQuery, limit: TimeAmount = Link.answerLimit) throws(SharedStoreError)
    -> [PostgresRow]
  {
    if connection.isClosed {
      throw .unreachable(address: address.description, detail: "connection closed")
    }
    let loop = connection.eventLoop
    let answer = loop.makePromise(of: PostgresQueryResult.self)
    let timer = loop.scheduleTask(in: limit) { answer.fail(NoAnswer()) }
    connection.query(query, logger: logger).cascade(to: answer)
    answer.futureResult.whenComplete { _ in timer.cancel() }
    do {
      return try answer.futureResult.wait().rows
    } catch is NoAnswer {
      close()
      throw .unreachable(
        address: address.description, detail: "no answer in \(limit.nanoseconds / 1_000_000_000) s")
    } catch {
      throw Link.classify(error, address: address)
    }
  }

  /// Runs a query and hands each row to `onRow` as it arrives (on a network thread), so that the caller
  /// works on the first rows while the next are on their way; returns when the last has been handed.
  /// A row `onRow` cannot read ends the query with that row's error (`.unreadable`): the data is at
  /// fault, not the server, so it is never taken for a lost connection.
  func stream(
    _ query: PostgresQuery, limit: TimeAmount = Link.answerLimit,
    _ onRow: @escaping @Sendable (PostgresRow) throws(SharedStoreError) -> Void
  ) throws(SharedStoreError) {
    if connection.isClosed {
      throw .unreachable(address: address.description, detail: "connection closed")
    }
    let loop = connection.eventLoop
    let answer = loop.makePromise(of: PostgresQueryMetadata.self)
    let timer = loop.scheduleTask(in: limit) { answer.fail(NoAnswer()) }
    let rowFailure = RowFailure()
    connection.query(query, logger: logger) { row in
      do throws(SharedStoreError) {
        try onRow(row)
      } catch {
        rowFailure.keep(error)
        throw error
      }
    }.cascade(to: answer)
    answer.futureResult.whenComplete { _ in timer.cancel() }
    do {
      _ = try answer.futureResult.wait()
    } catch is NoAnswer {
      close()
      throw .unreachable(
        address: address.description, detail: "no answer in \(limit.nanoseconds / 1_000_000_000) s")
    } catch {
      // The library reports the row's error as its own failure of the query: the row's is the one to tell.
      if let kept = rowFailure.kept { throw kept }
      throw Link.classify(error, address: address)
    }
  }

  /// Runs each statement in turn (setup scripts).
  func run(_ statements: [String]) throws(SharedStoreError) {
    for statement in statements {
      _ = try rows(PostgresQuery(unsafeSQL: statement))
    }
  }

  /// Calls `onNotify` (on a network thread) whenever a change is committed to any committee.
  func listen(_ onNotify: @escaping @Sendable (String) -> Void) throws(SharedStoreError) {
    connection.addListener(channel: "shangliang") { _, notification in onNotify(notification.payload) }
    _ = try rows("LISTEN shangliang")
  }

  /// Closes the connection, waiting a moment at most: the library's close waits for queries already
  /// sent, and a lost one would make it wait for ever.
  func close() {
    let loop = connection.eventLoop
    let closed = loop.makePromise(of: Void.self)
    let timer = loop.scheduleTask(in: .seconds(2)) { closed.fail(NoAnswer()) }
    connection.close().cascade(to: closed)
    closed.futureResult.whenComplete { _ in timer.cancel() }
    _ = try? closed.futureResult.wait()
  }

  /// True once the connection is gone (the server stopped, the network broke).
  var isClosed: Bool { connection.isClosed }

  /// The server's answer (with its SQLSTATE) is a refusal; anything else means the link is gone.
  static func classify(_ error: any Error, address: SharedAddress) -> SharedStoreError {
    if let error = error as? SharedStoreError { return error }
    if let error = error as? PSQLError, let info = error.serverInfo {
      let state = info[.sqlState] ?? "?????"
      let detail = info[.message] ?? String(describing: error)
      if state == "3F000" || state == "42P01" || state == "42883" {
        return .notSetUp(address: address.description)
      }
      // The server going away is not its answer to the statement: class 08 (the connection broke) and
      // class 57 (shut down, crashed, still starting) mean the link is gone and the app goes offline.
      if state.hasPrefix("08") || state.hasPrefix("57") {
        return .unreachable(address: address.description, detail: "\(state) \(detail)")
      }
      return .refused(sqlState: state, detail: detail)
    }
    return .unreachable(address: address.description, detail: Link.shortDescription(error))
  }

  private static func shortDescription(_ error: any Error) -> String {
    // The library's code alone ("connectionError") does not say that a certificate was refused.
    if let error = error as? PSQLError {
      return error.underlying.map { "\(error.code): \($0)" } ?? "\(error.code)"
    }
    return String(describing: error)
  }
}

/// Runs async library calls from the app's own (non-async) thread and waits for them.
///
/// The waiting thread may be one of Swift's few shared async threads (in tests, say); if the call ran
/// there too, a few waiters could take every such thread and wait forever. So the call runs on a queue
/// of its own (a task executor preference), never on those threads.
enum Blocking {
  private final class Outcome<T>: @unchecked Sendable {
    let lock = NSLock()
    var result: Result<T, any Error>?
  }

  static func run<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = Outcome<T>()
    let done = DispatchSemaphore(value: 0)
    let work: @Sendable () async -> Void = {
      let result: Result<T, any Error>
      do {
        result = .success(try await body())
      } catch {
        result = .failure(error)
      }
      outcome.lock.withLock { outcome.result = result }
      done.signal()
    }
    if #available(macOS 15.0, *) {
      Task(executorPreference: QueueExecutor.shared) { await work() }
    } else {
      Task.detached { await work() }
    }
    done.wait()
    guard let result = outcome.lock.withLock({ outcome.result }) else { throw CancellationError() }
    return try result.get()
  }
}

/// A task executor on a dispatch queue of its own, apart from Swift's shared async threads.
@available(macOS 15.0, *)
final class QueueExecutor: TaskExecutor {
  static let shared = QueueExecutor()
  private let queue = DispatchQueue(label: "shangliang.shared-store", attributes: .concurrent)

  func enqueue(_ job: consuming ExecutorJob) {
    let unowned = UnownedJob(job)
    let executor = asUnownedTaskExecutor()
    queue.async { unowned.runSynchronously(on: executor) }
  }
}

/// The first error a streamed row gave, kept on the network thread and read by the waiting one.
private final class RowFailure: @unchecked Sendable {
  private let lock = NSLock()
  private var first: SharedStoreError?

  func keep(_ error: SharedStoreError) { lock.withLock { if first == nil { first = error } } }
  var kept: SharedStoreError? { lock.withLock { first } }
}

/// A flag set from the network thread when a change is announced, read by the app's thread.
final class Doorbell: @unchecked Sendable {
  private let lock = NSLock()
  private var rung = false

  func ring() { lock.withLock { rung = true } }

  /// True once per ring.
  func answer() -> Bool {
    lock.withLock {
      defer { rung = false }
      return rung
    }
  }
}
