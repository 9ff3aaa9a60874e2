import Domain
import Foundation
import PostgresNIO
import Store

/// A committee's snapshot in the database. Since schema 2 a snapshot is a catalog row in
/// `shangliang.snapshots` (its `part_count` > 0, `state` empty) and one row per part of the state in
/// `shangliang.snapshot_parts`; a row written by an older program holds the whole state in `state`
/// (`part_count` 0) and is still read.
enum SharedSnapshot {
  /// Where reading a snapshot spent its time (`bench shared --open-records`).
  struct Timing {
    /// From the query until its last row arrived.
    var fetchMs: Double = 0
    /// Copying the rows' bytes out of the network buffers (done as they arrive).
    var copyMs: Double = 0
    /// Decoding left to do once the last row arrived, and putting the parts together.
    var decodeMs: Double = 0
  }

  /// The schema the database was set up with (1 before snapshots came in parts).
  static func schemaVersion(link: Link) throws(SharedStoreError) -> Int {
    let rows = try link.rows("SELECT value FROM shangliang.meta WHERE key = 'schema_version'")
    guard let row = rows.first, let text = try? row.decode(String.self), let version = Int(text) else {
      return 1
    }
    return version
  }

  /// The one reader of a committee's latest snapshot, for opening a committee and for the roll-up: the
  /// state and the sequence it covers (an empty state at 0 when there is none yet). Parts are decoded
  /// on a second thread while the next ones arrive.
  static func read(link: Link, committee: String, timing: inout Timing) throws(SharedStoreError)
    -> (CommitteeState, UInt64)
  {
    let started = DispatchTime.now()
    let parted = try schemaVersion(link: link) >= 2
    let rows = try link.rows(
      parted
        ? """
        SELECT seq, payload_version, part_count, CASE WHEN part_count = 0 THEN state END
        FROM shangliang.snapshots WHERE committee = \(committee) ORDER BY seq DESC LIMIT 1
        """
        : """
        SELECT seq, payload_version, 0::integer, state FROM shangliang.snapshots
        WHERE committee = \(committee) ORDER BY seq DESC LIMIT 1
        """, limit: Link.longReadLimit)
    guard let row = rows.first else { return (CommitteeState(), 0) }
    let seq: Int64
    let version: Int32
    let partCount: Int32
    let whole: ByteBuffer?
    do {
      (seq, version, partCount, whole) = try row.decode((Int64, Int32, Int32, ByteBuffer?).self)
    } catch {
      throw .unreadable(what: "snapshot", detail: String(describing: error))
    }
    if partCount == 0 {
      // The older layout: one row, decoded after all of it arrived.
      timing.fetchMs = milliseconds(since: started)
      var clock = DispatchTime.now()
      let bytes = whole.map { Array($0.readableBytesView) } ?? []
      timing.copyMs = milliseconds(since: clock)
      clock = DispatchTime.now()
      do {
        let state = try CommitteeModel.decodeState(bytes, range: 0..<bytes.count, version: UInt32(version))
        timing.decodeMs = milliseconds(since: clock)
        return (state, UInt64(seq))
      } catch {
        throw .unreadable(what: "snapshot", detail: String(describing: error))
      }
    }
    let decoder = StreamingPartDecoder(payloadVersion: UInt32(version))
    let copying = CopyClock()
    do throws(SharedStoreError) {
      try link.stream(
        """
        SELECT part, bytes FROM shangliang.snapshot_parts WHERE committee = \(committee) AND seq = \(seq)
        ORDER BY part
        """, limit: Link.longReadLimit
      ) { row throws(SharedStoreError) in
        let clock = DispatchTime.now()
        let buffer: ByteBuffer
        do {
          (_, buffer) = try row.decode((Int32, ByteBuffer).self)
        } catch {
          // Named by its part number as stored, which is what an administrator looks up.
          let part = (try? row.makeRandomAccess()[0].decode(Int32.self)).map(String.init) ?? "?"
          throw .unreadable(
            what: "snapshot", detail: "part \(part) of snapshot \(seq): \(String(describing: error))")
        }
        let bytes = Array(buffer.readableBytesView)
        copying.add(milliseconds(since: clock))
        decoder.submit(bytes)
      }
    } catch {
      _ = decoder.finish()
      throw error
    }
    timing.fetchMs = milliseconds(since: started)
    timing.copyMs = copying.total
    let clock = DispatchTime.now()
    let outcome = decoder.finish()
    do {
      let parts: [DecodedStatePart]
      switch outcome {
      case .success(let decoded): parts = decoded
      case .failure(let failure):
        throw SharedStoreError.unreadable(
          what: "snapshot", detail: "part \(failure.index) of snapshot \(seq): \(failure.error)")
      }
      guard parts.count == Int(partCount) else {
        throw SharedStoreError.unreadable(
          what: "snapshot", detail: "\(parts.count) of \(partCount) parts of snapshot \(seq)")
      }
      let state = try CommitteeState(assembling: parts)
      timing.decodeMs = milliseconds(since: clock)
      return (state, UInt64(seq))
    } catch let error as SharedStoreError {
      throw error
    } catch {
      throw .unreadable(what: "snapshot", detail: String(describing: error))
    }
  }

  /// Writes `state` as the committee's snapshot at `sequence`: as parts on a schema-2 database, as one
  /// row on an older one. `asOwner` inserts directly (migration, run by the database's owner); an app
  /// goes through the server's functions, which check that the user is an admin.
  static func write(
    _ state: CommitteeState, link: Link, committee: String, sequence: UInt64, asOwner: Bool,
    partBytes: Int = StateParts.targetBytes
  ) throws(SharedStoreError) {
    let version = Int32(CommitteeModel.payloadVersion)
    guard try schemaVersion(link: link) >= 2 else {
      let bytes = ByteBuffer(bytes: CommitteeModel.encode(state: state))
      _ = try link.rows(
        asOwner
          ? """
          INSERT INTO shangliang.snapshots (committee, seq, payload_version, state, written_by)
          VALUES (\(committee), \(Int64(sequence)), \(version), \(bytes), session_user)
          """
          : """
          SELECT shangliang.write_snapshot(\(committee), \(Int64(sequence)), \(version), \(bytes))
          """, limit: Link.longReadLimit)
      return
    }
    let parts = state.encodedParts(partBytes: partBytes).map { ByteBuffer(bytes: $0) }
    _ = try link.rows(
      asOwner
        ? """
        WITH stored AS (
          INSERT INTO shangliang.snapshot_parts (committee, seq, part, bytes)
          SELECT \(committee), \(Int64(sequence)), (t.n - 1)::integer, t.b
          FROM unnest(\(parts)::bytea[]) WITH ORDINALITY AS t(b, n))
        INSERT INTO shangliang.snapshots (committee, seq, payload_version, state, written_by, part_count)
        VALUES (\(committee), \(Int64(sequence)), \(version), ''::bytea, session_user, \(Int32(parts.count)))
        """
        : """
        SELECT shangliang.write_snapshot_parts(\(committee), \(Int64(sequence)), \(version), \(parts)::bytea[])
        """, limit: Link.longReadLimit)
  }

  static func milliseconds(since start: DispatchTime) -> Double {
    Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1_000_000
  }
}

/// Time spent copying rows out, added up on the network thread and read once the stream ended.
private final class CopyClock: @unchecked Sendable {
  private let lock = NSLock()
  private var sum = 0.0

  func add(_ ms: Double) { lock.withLock { sum += ms } }
  var total: Double { lock.withLock { sum } }
}

/// Decodes parts of a state on a thread of its own as they are handed in (while the next ones are
/// still arriving); once the last has arrived, the caller's thread joins in on what is left.
final class StreamingPartDecoder: @unchecked Sendable {
  /// The part that could not be decoded (by its position in the stream), and why.
  struct PartFailure: Error {
    var index: Int
    var error: BinaryError
  }

  private let condition = NSCondition()
  private var pending: [(index: Int, bytes: [UInt8])] = []
  private var results: [Int: Result<DecodedStatePart, BinaryError>] = [:]
  private var submitted = 0
  private var ended = false
  private let workerDone = DispatchSemaphore(value: 0)
  private let payloadVersion: UInt32

  init(payloadVersion: UInt32) {
    self.payloadVersion = payloadVersion
    let thread = Thread { [self] in
      while let (index, bytes) = self.take(waiting: true) { self.decode(index, bytes) }
      self.workerDone.signal()
    }
    thread.stackSize = 8 << 20
    thread.start()
  }

  /// Hands in the next part (in the order of the parts).
  func submit(_ bytes: [UInt8]) {
    condition.lock()
    pending.append((submitted, bytes))
    submitted += 1
    condition.signal()
    condition.unlock()
  }

  /// Ends the stream, decodes what is left on this thread and the worker, and returns every part in
  /// order, or the first part's failure.
  func finish() -> Result<[DecodedStatePart], PartFailure> {
    condition.lock()
    ended = true
    condition.broadcast()
    condition.unlock()
    while let (index, bytes) = take(waiting: false) { decode(index, bytes) }
    workerDone.wait()
    condition.lock()
    defer { condition.unlock() }
    var parts: [DecodedStatePart] = []
    parts.reserveCapacity(submitted)
    for index in 0..<submitted {
      switch results[index] {
      case .success(let part): parts.append(part)
      case .failure(let error): return .failure(PartFailure(index: index, error: error))
      case nil: return .failure(PartFailure(index: index, error: BinaryError(offset: 0, reason: .truncated)))
      }
    }
    return .success(parts)
  }

  /// The next part to decode; nil once the stream has ended and nothing is left (or, not waiting, when
  /// nothing is pending).
  private func take(waiting: Bool) -> (Int, [UInt8])? {
    condition.lock()
    defer { condition.unlock() }
    while pending.isEmpty {
      if ended || !waiting { return nil }
      condition.wait()
    }
    return pending.removeFirst()
  }

  private func decode(_ index: Int, _ bytes: [UInt8]) {
    let result: Result<DecodedStatePart, BinaryError>
    do throws(BinaryError) {
      result = .success(
        try CommitteeState.decodePart(bytes, range: 0..<bytes.count, payloadVersion: payloadVersion))
    } catch {
      result = .failure(error)
    }
    condition.lock()
    results[index] = result
    condition.unlock()
  }
}
