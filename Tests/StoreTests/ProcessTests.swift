import Domain
import Foundation
import Store
import Testing

/// The crash-drill executable built next to the test bundle.
private func stressWriter() -> URL? {
  var folders: [URL] = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
  if let executable = Bundle.main.executableURL { folders.append(executable.deletingLastPathComponent()) }
  if let first = CommandLine.arguments.first {
    folders.append(URL(fileURLWithPath: first).deletingLastPathComponent())
  }
  for folder in folders {
    let candidate = folder.appendingPathComponent("StoreStressWriter")
    if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
  }
  return nil
}

/// A running stress writer and the sequence numbers it has acknowledged so far.
private final class WriterRun: @unchecked Sendable {
  let process = Process()
  private let output = Pipe()
  private let reader: Thread
  private let box: Box

  init(executable: URL, folder: String) throws {
    process.executableURL = executable
    process.arguments = [folder, "32768"]
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    let handle = output.fileHandleForReading
    let box = Box()
    reader = Thread {
      while true {
        let data = handle.availableData
        if data.isEmpty { break }
        box.append(data)
      }
    }
    self.box = box
    try process.run()
    reader.start()
  }

  private final class Box: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    func append(_ data: Data) { lock.withLock { bytes.append(contentsOf: data) } }
    var snapshot: [UInt8] { lock.withLock { bytes } }
  }

  /// Complete lines only: a number cut by the kill was never acknowledged.
  var acknowledged: [UInt64] {
    let text = String(decoding: box.snapshot, as: UTF8.self)
    let complete = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    return complete.compactMap { UInt64($0) }
  }

  func kill() {
    Glibc.kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    // Let the reader drain the pipe to its end.
    for _ in 0..<200 where !reader.isFinished { usleep(5_000) }
  }
}

/// Names of members the writer made for change `sequence` (a group every tenth change).
private func memberNames(for sequence: UInt64) -> [String] {
  sequence % 10 == 0 ? ["a", "b", "c"].map { "stress-\(sequence)-\($0)" } : ["stress-\(sequence)"]
}

@Suite("Other processes")
struct ProcessTests {
  @Test("a writer killed with SIGKILL at random moments, twenty times, never loses an acknowledged change")
  func killedWriterLosesNothing() throws {
    let executable = try #require(stressWriter(), "StoreStressWriter must be built next to the tests")
    let folder = TempFolder("kill")
    defer { folder.remove() }
    var generator = SystemRandomNumberGenerator()
    var everAcknowledged: UInt64 = 0
    for round in 0..<20 {
      let run = try WriterRun(executable: executable, folder: folder.store)
      usleep(UInt32.random(in: 30_000...400_000, using: &generator))
      run.kill()
      let acknowledged = run.acknowledged
      everAcknowledged = max(everAcknowledged, acknowledged.max() ?? 0)

      let store = try CommitteeStore.open(folder: folder.store)
      #expect(store.lastSequence >= everAcknowledged, "round \(round)")
      let names = Set(store.state.members.values.map(\.name))
      let missing = acknowledged.filter { $0 > 1 }.flatMap(memberNames(for:)).filter { !names.contains($0) }
      #expect(missing.isEmpty, "round \(round): \(missing.prefix(5))")
      // Groups are whole or absent, never partly there.
      for sequence in stride(from: 10, through: store.lastSequence, by: 10) {
        let present = memberNames(for: sequence).filter(names.contains).count
        #expect(present == 3, "round \(round): group \(sequence) has \(present) of 3")
      }
      // Half the restarts close cleanly (final snapshot), half are dropped like another crash.
      if round % 2 == 0 { try store.close(now: Date()) } else { store.abandon() }
    }
    #expect(everAcknowledged > 20)
  }

  @Test("a second process is refused with a message naming the holder's pid")
  func secondProcessRefused() throws {
    let executable = try #require(stressWriter(), "StoreStressWriter must be built next to the tests")
    let folder = TempFolder("lock")
    defer { folder.remove() }
    let run = try WriterRun(executable: executable, folder: folder.store)
    for _ in 0..<400 where run.acknowledged.isEmpty { usleep(5_000) }
    #expect(!run.acknowledged.isEmpty)
    do {
      _ = try CommitteeStore.open(folder: folder.store)
      Issue.record("the store is held by the writer")
    } catch {
      guard case .locked(_, let pid) = error else {
        Issue.record("unexpected \(error)")
        run.kill()
        return
      }
      #expect(pid == run.process.processIdentifier)
      #expect(error.message(in: .zh).contains("进程号 \(run.process.processIdentifier)"))
    }
    // `check` reads the store while it is held, without waiting for the lock.
    let report = CommitteeStore.check(folder: folder.store)
    #expect(report.lockedBy == run.process.processIdentifier)
    run.kill()
    // The kernel let go of the lock when the holder died.
    let store = try CommitteeStore.open(folder: folder.store)
    try store.close(now: Date())
  }

  @Test("within one process, a second opener of the same folder is refused too")
  func secondOpenerInProcessRefused() throws {
    let folder = TempFolder()
    defer { folder.remove() }
    let clock = TestClock()
    let first = try NotesStore.open(folder: folder.store, now: clock.next())
    #expect {
      _ = try NotesStore.open(folder: folder.store, now: clock.next())
    } throws: { error in
      guard let error = error as? StoreError, case .locked(_, let pid) = error else { return false }
      return pid == ProcessInfo.processInfo.processIdentifier
    }
    try first.close(now: clock.next())
    let second = try NotesStore.open(folder: folder.store, now: clock.next())
    try second.close(now: clock.next())
  }
}
