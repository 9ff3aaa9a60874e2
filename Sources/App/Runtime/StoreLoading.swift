import Foundation
import Localization
import Store
import TerminalCore

/// Opening a store behind a drawn screen: the first frame appears at once (a title and a
/// progress bar), the store is read on another thread, and the app starts the moment it is in.
/// A million-record store takes seconds to read; the user sees why, and can quit meanwhile.
public enum StoreLoading {
  /// How the opening ended.
  public enum Outcome {
    case opened(CommitteeStore)
    case failed(StoreError)
    /// The user quit while the store was being read; it was opened and closed again.
    case quit
  }

  /// What the reading thread shares with the drawing one, under a lock.
  final class Shared: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private var total = 0
    private var result: Result<CommitteeStore, StoreError>?

    func report(_ done: Int, _ total: Int) {
      lock.withLock {
        self.done = done
        self.total = total
      }
    }

    func finish(_ result: Result<CommitteeStore, StoreError>) { lock.withLock { self.result = result } }

    var progress: (done: Int, total: Int) { lock.withLock { (done, total) } }
    var outcome: Result<CommitteeStore, StoreError>? { lock.withLock { result } }
  }

  /// Opens the store in `folder` while drawing a loading screen on `backend`, and returns once
  /// it is open (or failed). `onFirstFrame` runs just after the first frame is shown (for the
  /// benchmark's clock). Keys other than quit are dropped while loading.
  public static func open(
    folder: String, backend: any TerminalBackend, language: Language, now: @escaping @Sendable () -> Date,
    onFirstFrame: () -> Void = {}
  ) -> Outcome {
    let shared = Shared()
    mapLargeBlocksApart()
    let thread = Thread {
      do throws(StoreError) {
        let store = try CommitteeStore.open(folder: folder, now: now()) { shared.report($0, $1) }
        shared.finish(.success(store))
        // Reading freed much (each part's bytes, the decoded boxes' lists): given back to the
        // system rather than kept by the allocator for the session (tens of MB at 1M), here, on the
        // reading thread while the app starts on the other, not before it.
        returnFreeMemory()
      } catch {
        shared.finish(.failure(error))
      }
    }
    thread.stackSize = 8 << 20
    let clock = ContinuousClock()
    let started = clock.now
    var size = backend.size
    backend.present(frame(size: size, language: language, done: 0, total: 0, elapsed: 0))
    onFirstFrame()
    thread.start()
    var quitting = false
    var lastDrawn = started
    while true {
      if let result = shared.outcome {
        switch result {
        case .success(let store):
          guard quitting else { return .opened(store) }
          try? store.close(now: now())
          return .quit
        case .failure(let error):
          return .failed(error)
        }
      }
      // Looked at every 10 ms, so that the app starts within 10 ms of the store being in, not 50; the
      // bar is drawn again only every 50 ms (or at once after a key or a resize).
      var answered = false
      for event in backend.nextEvents(timeoutMilliseconds: 10) {
        answered = true
        switch event {
        case .resize(let newSize): size = newSize
        case .key(.character("q")), .key(.ctrl("c")), .signal, .inputClosed: quitting = true
        default: break
        }
      }
      guard answered || lastDrawn.duration(to: clock.now) >= .milliseconds(50) else { continue }
      lastDrawn = clock.now
      let (done, total) = shared.progress
      let elapsed = started.duration(to: clock.now)
      let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
      backend.present(
        frame(size: size, language: language, done: done, total: total, elapsed: seconds, quitting: quitting))
    }
  }

  /// Has the C allocator map every block of 256 KiB or more on its own (glibc's `M_MMAP_THRESHOLD`,
  /// set through `mallopt` where the C library has it), so that such a block goes back to the system
  /// when freed and grows by remapping instead of by a copy. By default glibc raises the threshold
  /// to 32 MiB after the first large block is freed, and later lists, keys and counts (tens of MB
  /// each at a million records) were then kept by the allocator after use: about 80 MB more resident
  /// after the benchmark's session. Set before the open starts its threads.
  static func mapLargeBlocksApart() {
    // Only glibc's `mallopt` takes -3 as this option; another C library's may read it otherwise.
    guard dlsym(UnsafeMutableRawPointer(bitPattern: 0), "gnu_get_libc_version") != nil,
      let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt")
    else { return }
    typealias Option = @convention(c) (Int32, Int32) -> Int32
    let mmapThreshold: Int32 = -3  // M_MMAP_THRESHOLD in glibc's malloc.h
    _ = unsafeBitCast(symbol, to: Option.self)(mmapThreshold, 256 << 10)
  }

  /// Asks the C allocator to give back the memory it holds free (`malloc_trim`, where the C library
  /// has it; found at run time, since not every C library does).
  static func returnFreeMemory() {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
    typealias Trim = @convention(c) (Int) -> Int32
    _ = unsafeBitCast(symbol, to: Trim.self)(0)
  }

  /// The loading screen: the program's name, what it is doing, and the bar.
  public static func frame(
    size: Size, language: Language, done: Int, total: Int, elapsed: Double, quitting: Bool = false
  ) -> Canvas {
    var canvas = Canvas(size: size)
    let title = tr("app.name", language) + " · " + tr("app.loading", language)
    let middle = max(0, size.height / 2 - 1)
    canvas.write(
      title, x: max(0, (size.width - DisplayWidth.of(title)) / 2), y: middle - 1, style: Style.normal)
    let width = min(size.width - 4, 76)
    let line = ProgressLine.line(
      label: tr(quitting ? "progress.openThenQuit" : "progress.open", language), done: done,
      total: total > 0 ? total : nil, elapsed: elapsed, width: width, language: language, unit: .bytes)
    canvas.write(line, x: max(0, (size.width - DisplayWidth.of(line)) / 2), y: middle + 1)
    return canvas
  }
}
