import Exchange
import Foundation
import Localization

/// How a file's contents are made on another thread (a list's CSV of a million rows takes seconds):
/// `make` reports its progress between slices (passing the app's gate, so keys are answered first)
/// and returns the contents with their row count, or nil once told to stop.
public struct FileMaking: Equatable, @unchecked Sendable {
  let id = UUID()
  let make: (any BuildProgress) -> (data: Data, rows: Int)?

  init(_ make: @escaping (any BuildProgress) -> (data: Data, rows: Int)?) { self.make = make }

  public static func == (lhs: FileMaking, rhs: FileMaking) -> Bool { lhs.id == rhs.id }
}

/// A file made and written on a thread of its own (`Effect.writeFileMade`), while the app answers
/// keys: the screen that asked shows how far it is and may cancel it; the runtime's tick hands its
/// outcome back as `.fileWritten` (the bytes written, or why nothing was). The file is written as
/// every export is (`ExportFile`: a temporary file renamed over the old one), so a full disk or a
/// cancel leaves the old file as it was.
public final class BackgroundExport: @unchecked Sendable, Equatable {
  /// The file written (absolute).
  public let path: String
  let tag: EffectTag
  private let build: BackgroundBuild<Result<Int, UserMessage>>
  private let lock = NSLock()
  private var madeRows = 0
  private var diskFull = false

  init(
    path: String, tag: EffectTag, making: FileMaking,
    write: @escaping (Data, String) throws(ExportFileError) -> Void
  ) {
    self.path = path
    self.tag = tag
    let box = Box()
    build = BackgroundBuild(gate: .app) { progress in
      guard let (data, rows) = making.make(progress), progress.step(done: 1, total: 1) else { return nil }
      do throws(ExportFileError) {
        try write(data, path)
        box.owner?.noteWritten(rows: rows, diskFull: false)
        return .success(data.count)
      } catch {
        box.owner?.noteWritten(rows: 0, diskFull: error.isDiskFull)
        return .failure(FileWriting.message(error))
      }
    }
    box.owner = self
  }

  /// Lets the build reach its export without a cycle.
  private final class Box: @unchecked Sendable { weak var owner: BackgroundExport? }

  private func noteWritten(rows: Int, diskFull: Bool) {
    lock.withLock {
      madeRows = rows
      self.diskFull = diskFull
    }
  }

  /// Starts it on a thread of its own. A user waits for it: the other background builds step aside,
  /// and it still pauses while an event is answered.
  func start() {
    build.markWanted()
    build.start(name: "export")
  }

  /// How far it is (0...1).
  public var fraction: Double { build.fraction }
  /// Whether it has ended (written, refused or cancelled).
  public var isFinished: Bool { build.isFinished }
  /// The bytes written or why not; nil while it runs and once cancelled.
  var outcome: Result<Int, UserMessage>? { build.result }
  /// The rows in the file written.
  public var rows: Int { lock.withLock { madeRows } }
  /// Whether the write failed for want of space.
  var failedForSpace: Bool { lock.withLock { diskFull } }

  /// Stops it at its next slice; nothing is written (a file already there stays as it was).
  public func cancel() { build.cancel() }

  /// Waits for it to end (tests, `bench`); true when it ended in time.
  @discardableResult
  public func wait(seconds: Double) -> Bool {
    _ = build.wait(seconds: seconds)
    return build.isFinished
  }

  public static func == (lhs: BackgroundExport, rhs: BackgroundExport) -> Bool { lhs === rhs }
}
