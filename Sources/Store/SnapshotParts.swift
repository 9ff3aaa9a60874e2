import Domain
import Foundation
import Glibc

/// One part of a format-2 snapshot: where its bytes are in the file, and their checksum.
struct SnapshotPart: Sendable, Equatable {
  var range: Range<Int>
  var checksum: UInt32
}

/// The table at the start of a format-2 snapshot's payload: u32 count P, then for each part u64 offset
/// in the file, u64 length, u32 CRC of its bytes. The parts follow the table back to back, to the end
/// of the payload; the file's last four bytes are the CRC of the table, so every byte of the payload is
/// under a checksum (the table's, or its part's).
enum SnapshotPartTable {
  static let entrySize = 20

  /// Bytes of the table for parts of `lengths` starting right after it, at `payloadStart`.
  static func size(parts: Int) -> Int { 4 + parts * entrySize }

  /// Where each part goes when the payload starts at `payloadStart`.
  static func layout(lengths: [Int], payloadStart: Int) -> [Range<Int>] {
    var offset = payloadStart + size(parts: lengths.count)
    return lengths.map { length in
      defer { offset += length }
      return offset..<(offset + length)
    }
  }

  static func encode(_ parts: [SnapshotPart]) -> [UInt8] {
    var sink = ByteSink(capacity: size(parts: parts.count))
    sink.put(UInt32(parts.count))
    for part in parts {
      sink.put(UInt64(part.range.lowerBound))
      sink.put(UInt64(part.range.count))
      sink.put(part.checksum)
    }
    return sink.bytes
  }

  /// What is wrong with a table, and where.
  struct Damage: Error {
    var offset: Int
    var reason: String
  }

  /// Reads and checks the table: its checksum, then that the parts tile the payload exactly.
  static func parse(_ raw: UnsafeRawBufferPointer, payload: Range<Int>, storedChecksum: UInt32)
    -> Result<[SnapshotPart], Damage>
  {
    var source = ByteSource(raw, offset: payload.lowerBound)
    guard let count = source.u32().map(Int.init), count >= 1, size(parts: count) <= payload.count else {
      return .failure(Damage(offset: payload.lowerBound, reason: "part table"))
    }
    let tableEnd = payload.lowerBound + size(parts: count)
    let checksum = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[payload.lowerBound..<tableEnd]))
    guard checksum == storedChecksum else {
      return .failure(
        Damage(
          offset: payload.lowerBound,
          reason: "checksum of the part table, bytes \(payload.lowerBound)..<\(tableEnd)"))
    }
    var parts: [SnapshotPart] = []
    parts.reserveCapacity(count)
    var expected = tableEnd
    for index in 0..<count {
      let entry = source.offset
      guard let offset = source.u64(), let length = source.u64(), let crc = source.u32(),
        offset == UInt64(expected), length <= UInt64(payload.upperBound - expected)
      else { return .failure(Damage(offset: entry, reason: "part \(index) of the part table")) }
      parts.append(SnapshotPart(range: expected..<(expected + Int(length)), checksum: crc))
      expected += Int(length)
    }
    guard expected == payload.upperBound else {
      return .failure(Damage(offset: expected, reason: "parts end before the payload"))
    }
    return .success(parts)
  }
}

/// Decodes a format-2 snapshot's parts on two threads — each thread reads a part from the file,
/// checks its checksum, then decodes it — and puts the state together. Only the parts being decoded
/// are in memory (a few MiB each), never the whole file: the open needs less memory, and no time is
/// spent copying the file into one buffer before the first part can start.
enum SnapshotPartsReader<Model: StoreModel> {
  /// The state, or the damage: the first part (by position) that fails its checksum or its decoding,
  /// named with its offset in the file.
  static func read(
    _ file: OpenFile, fileSystem fs: any FileSystem, parts: [SnapshotPart], version: UInt32, name: String,
    progress: ((Int) -> Void)?
  ) -> Result<Model.State, StoreError> {
    let results = Slots<Result<Model.StatePart, StoreError>>(count: parts.count)
    defer { results.release() }
    let done = BytesDone()
    let caller = pthread_self()
    // The progress closure is the caller's: only the calling thread calls it.
    let report = CallerOnly(progress)
    let buffers = Buffers()
    // The decoded records are a few hundred MB allocated on the two reading threads; see `HeapGrowth`.
    HeapGrowth.inLargeSteps()
    defer { HeapGrowth.inSmallSteps() }
    ParallelWork.run(count: parts.count) { index in
      let part = parts[index]
      var buffer = buffers.take()
      results.set(
        index,
        decode(part, index: index, file: file, fileSystem: fs, version: version, name: name, buffer: &buffer))
      buffers.give(buffer)
      // The part's bytes are gone here: the memory held is the decoded records, and the next part.
      let total = done.add(part.range.count)
      if pthread_equal(pthread_self(), caller) != 0 { report.call(parts[0].range.lowerBound + total) }
    }
    var decoded: [Model.StatePart] = []
    decoded.reserveCapacity(parts.count)
    for index in parts.indices {
      switch results.take(index) {
      case .success(let part): decoded.append(part)
      case .failure(let error): return .failure(error)
      case nil:
        return .failure(
          .corruptSnapshot(file: name, offset: parts[index].range.lowerBound, reason: "part \(index)"))
      }
    }
    do throws(PayloadError) {
      let state = try Model.assemble(decoded)
      // The parts hold a reference to every record (the tables hold the others): letting go of a
      // million of them takes a tenth of a second, done on the other core while the app starts. The
      // list is handed over (consumed), not copied: with a copy left here, whichever thread let go
      // last did the whole work, and when the background thread won the race it was this one.
      LetGo.inBackground(consume decoded)
      return .success(state)
    } catch {
      return .failure(
        .corruptSnapshot(file: name, offset: error.offset ?? parts[0].range.lowerBound, reason: error.reason))
    }
  }
}

extension SnapshotPartsReader {
  /// One part read into `buffer` (used again for the next part), checked and decoded.
  private static func decode(
    _ part: SnapshotPart, index: Int, file: OpenFile, fileSystem fs: any FileSystem, version: UInt32,
    name: String, buffer: inout [UInt8]
  ) -> Result<Model.StatePart, StoreError> {
    let count: Int
    do throws(FileSystemError) {
      count = try fs.read(file, at: part.range.lowerBound, count: part.range.count, into: &buffer)
    } catch {
      return .failure(.fileSystem(error))
    }
    // The file was as long as its header says when it was opened: shorter now is damage at the part.
    guard count == part.range.count else {
      return .failure(
        .corruptSnapshot(
          file: name, offset: part.range.lowerBound + count, reason: "part \(index) cut short"))
    }
    let bytes = buffer
    let checksum = bytes.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
    guard checksum == part.checksum else {
      return .failure(
        .corruptSnapshot(
          file: name, offset: part.range.lowerBound,
          reason: "checksum of part \(index), bytes \(part.range.lowerBound)..<\(part.range.upperBound)"))
    }
    do throws(PayloadError) {
      return .success(
        try Model.decodePart(bytes, range: 0..<count, version: version, fileOffset: part.range.lowerBound))
    } catch {
      return .failure(
        .corruptSnapshot(file: name, offset: part.range.lowerBound, reason: "part \(index): \(error.reason)"))
    }
  }
}

/// A closure of the calling thread carried into work that runs on several threads; only the calling
/// thread calls it (checked by the caller), so it need not be safe to call from others.
private final class CallerOnly: @unchecked Sendable {
  let body: ((Int) -> Void)?
  init(_ body: ((Int) -> Void)?) { self.body = body }
  func call(_ value: Int) { body?(value) }
}

/// The buffers the reading threads read parts into, each taken by one thread at a time: a part's
/// bytes go where the previous part's were, so the open does not fault in and zero fresh pages for
/// every part (a third of a gigabyte at a million records).
private final class Buffers: @unchecked Sendable {
  private let lock = NSLock()
  private var free: [[UInt8]] = []

  func take() -> [UInt8] { lock.withLock { free.popLast() ?? [] } }
  func give(_ buffer: [UInt8]) { lock.withLock { free.append(buffer) } }
}

/// Bytes done so far, added to by several threads.
private final class BytesDone: @unchecked Sendable {
  private let lock = NSLock()
  private var total = 0

  func add(_ count: Int) -> Int {
    lock.withLock {
      total += count
      return total
    }
  }
}

/// One result slot per piece of work, each written by one thread only, read once all are done.
final class Slots<Value>: @unchecked Sendable {
  private let slots: UnsafeMutableBufferPointer<Value?>

  init(count: Int) {
    slots = .allocate(capacity: max(count, 1))
    slots.initialize(repeating: nil)
  }

  func set(_ index: Int, _ value: Value) { slots[index] = value }
  func get(_ index: Int) -> Value? { slots[index] }

  /// The value of a slot, which keeps it no more.
  func take(_ index: Int) -> Value? {
    defer { slots[index] = nil }
    return slots[index]
  }

  func release() {
    _ = slots.deinitialize()
    slots.deallocate()
  }
}

/// How glibc's allocator grows the heaps of threads other than the main one. By default it makes such
/// a heap larger one page at a time, with an `mprotect` call for each: about 150,000 calls, a tenth of
/// the reading threads' time (perf), to decode a million records. With a top pad (`M_TOP_PAD`) as
/// large as a heap (64 MiB), a heap is made usable whole when it is made; no page of it is touched, so
/// no more memory is resident for it. The pad also sets how much free memory the allocator keeps at the
/// top of a heap when memory is freed, so it goes back to glibc's default once the records are read.
enum HeapGrowth {
  /// `M_TOP_PAD` in glibc's malloc.h, and its default there.
  private static let topPad: Int32 = -2
  private static let defaultTopPad: Int32 = 128 << 10

  /// Heaps grow a whole heap (64 MiB) at a time.
  static func inLargeSteps() { set(topPad, 64 << 20) }

  /// Heaps grow as glibc grows them by default.
  static func inSmallSteps() { set(topPad, defaultTopPad) }

  private static func set(_ option: Int32, _ value: Int32) {
    // Only glibc's `mallopt` takes -2 as this option; another C library's may read it otherwise.
    guard dlsym(UnsafeMutableRawPointer(bitPattern: 0), "gnu_get_libc_version") != nil,
      let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt")
    else { return }
    typealias Option = @convention(c) (Int32, Int32) -> Int32
    _ = unsafeBitCast(symbol, to: Option.self)(option, value)
  }
}

/// Lets go of values on a thread of its own: for large structures whose last release would hold up
/// the caller.
enum LetGo {
  /// Lets go of `value`, then gives the memory the C allocator holds free back to the system
  /// (`malloc_trim`, where the C library has it).
  static func inBackground<Value>(_ value: consuming Value) {
    let held = Held(value)
    let thread = Thread {
      held.value = nil
      returnFreeMemory()
    }
    thread.qualityOfService = .utility
    thread.start()
  }

  /// `malloc_trim(0)`, found at run time, since not every C library has it.
  static func returnFreeMemory() {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
    typealias Trim = @convention(c) (Int) -> Int32
    _ = unsafeBitCast(symbol, to: Trim.self)(0)
  }

  /// The value until the thread lets go of it; only that thread touches it after the handover.
  private final class Held<Value>: @unchecked Sendable {
    var value: Value?
    init(_ value: consuming Value) { self.value = value }
  }
}
