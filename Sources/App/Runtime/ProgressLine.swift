import Foundation
import Localization
import TerminalCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A progress bar on standard error for long command-line work: label, bar, count, rate and time
/// left, redrawn in place at most ten times a second; nothing at all when standard error is not a
/// terminal, so pipes, files and CI logs get no escape codes.
///
/// ```swift
/// let progress = ProgressLine(label: tr("progress.generate", language), total: records, language: language)
/// for … { …; progress.update(done) }
/// progress.finish()
/// ```
/// Any command may use it (`generate`, `import`, `export`, `check`, `demo`, `report`, opening a
/// store). With `total` nil (work of unknown size) it shows the count and the rate without a bar.
public final class ProgressLine {
  /// What is counted: things (records, rows) or bytes (shown in MB).
  public enum Unit: Sendable {
    case items, bytes
  }

  public let label: String
  public let unit: Unit
  public private(set) var total: Int?
  let language: Language
  let output: Int32
  /// Whether anything is drawn: standard error is a terminal (and `TERM` is not `dumb`).
  public let isShown: Bool
  private let started: ContinuousClock.Instant
  private var lastDrawn: ContinuousClock.Instant?
  private var drewSomething = false
  private let clock = ContinuousClock()

  public init(
    label: String, total: Int?, language: Language, unit: Unit = .items, output: Int32 = STDERR_FILENO,
    shown: Bool? = nil
  ) {
    self.label = label
    self.unit = unit
    self.total = total
    self.language = language
    self.output = output
    self.isShown = shown ?? Self.isTerminal(output)
    started = clock.now
  }

  /// Whether `descriptor` is a terminal that can redraw a line (`TERM` not `dumb`).
  public static func isTerminal(_ descriptor: Int32) -> Bool {
    guard isatty(descriptor) == 1 else { return false }
    return ProcessInfo.processInfo.environment["TERM"] != "dumb"
  }

  /// Sets the total once it is known (or changes it).
  public func setTotal(_ total: Int?) { self.total = total }

  /// Reports `done` units finished; draws if a tenth of a second has passed since the last draw
  /// (or this is the end). Cheap enough to call for every unit.
  public func update(_ done: Int) {
    guard isShown else { return }
    let now = clock.now
    if let lastDrawn, lastDrawn.duration(to: now) < .milliseconds(100), done != total { return }
    lastDrawn = now
    let elapsed = Self.seconds(started.duration(to: now))
    let text = Self.line(
      label: label, done: done, total: total, elapsed: elapsed, width: Self.columns(output) - 1,
      language: language, unit: unit)
    put("\r" + text + "\u{1B}[K")
    drewSomething = true
  }

  /// Clears the line (the command prints its result after it).
  public func finish() {
    guard isShown, drewSomething else { return }
    put("\r\u{1B}[K")
    drewSomething = false
  }

  private func put(_ text: String) {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { buffer in
        write(output, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
      }
      if written <= 0 { return }
      offset += written
    }
  }

  private static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  /// Columns of the terminal on `descriptor` (80 when it cannot be asked).
  static func columns(_ descriptor: Int32) -> Int {
    var size = winsize()
    guard ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }

  /// The line for `done` of `total` after `elapsed` seconds, at most `width` columns:
  /// `生成记录 [██████░░░░] 412,000/1,000,000 · 6,400/秒 · 剩余 1:32`. On a narrow terminal the
  /// bar shrinks first (and goes below five cells); then the line is cut.
  public static func line(
    label: String, done: Int, total: Int?, elapsed: Double, width: Int, language: Language,
    unit: Unit = .items
  ) -> String {
    let rate = elapsed > 0 ? Double(done) / elapsed : 0
    let amount = { (value: Int) in unit == .bytes ? megabytes(value) : grouped(value) }
    let suffix = unit == .bytes ? " MB" : ""
    var figures: [String] = []
    if let total {
      figures.append("\(amount(done))/\(amount(total))" + suffix)
    } else {
      figures.append(amount(done) + suffix)
    }
    if elapsed >= 0.2 && done > 0 {
      figures.append(tr("progress.rate", language, amount(Int(rate.rounded())) + suffix))
    }
    if let total, rate > 0, done < total {
      figures.append(tr("progress.left", language, clockTime(Double(total - done) / rate)))
    } else if elapsed >= 1 {
      figures.append(tr("progress.elapsed", language, clockTime(elapsed)))
    }
    let tail = figures.joined(separator: " · ")
    guard let total, total > 0 else { return fit(label + " " + tail, width) }
    let fixed = DisplayWidth.of(label) + DisplayWidth.of(tail) + 4
    let barWidth = min(30, width - fixed)
    guard barWidth >= 5 else { return fit(label + " " + tail, width) }
    let fraction = min(1, max(0, Double(done) / Double(total)))
    let filled = Int((fraction * Double(barWidth)).rounded(.down))
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
    return fit(label + " [" + bar + "] " + tail, width)
  }

  /// `1234567` as `1,234,567`.
  static func grouped(_ value: Int) -> String {
    let digits = String(abs(value))
    var result = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
      result.append(digit)
    }
    return value < 0 ? "-" + result : result
  }

  /// Bytes as megabytes with one decimal: `12.3`.
  static func megabytes(_ value: Int) -> String { String(format: "%.1f", Double(value) / 1_048_576) }

  /// Seconds as `m:ss` (or `h:mm:ss`).
  static func clockTime(_ seconds: Double) -> String {
    let whole = Int(min(seconds, 359_999).rounded(.up))
    let (hours, minutes, secs) = (whole / 3600, whole / 60 % 60, whole % 60)
    let twoDigits = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
    return hours > 0 ? "\(hours):\(twoDigits(minutes)):\(twoDigits(secs))" : "\(minutes):\(twoDigits(secs))"
  }

  /// `text` cut to `width` columns.
  static func fit(_ text: String, _ width: Int) -> String {
    guard DisplayWidth.of(text) > width else { return text }
    var result = ""
    var used = 0
    for character in text {
      let columns = DisplayWidth.of(character)
      if used + columns > width { break }
      result.append(character)
      used += columns
    }
    return result
  }
}
