/// A calendar day as a form reads and yields it, independent of time zones.
public struct FormDate: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int

  /// A date, or nil when no such day exists (month 13, 30 February, 29 February 2026).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      (1...FormDate.daysIn(month: month, year: year)).contains(day)
    else { return nil }
    self.year = year
    self.month = month
    self.day = day
  }

  public static func < (a: FormDate, b: FormDate) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  /// ISO form, `2026-11-26`.
  public var description: String {
    let y = String(year)
    let m = month < 10 ? "0\(month)" : String(month)
    let d = day < 10 ? "0\(day)" : String(day)
    return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + m + "-" + d
  }

  public static func isLeap(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's civil-from-days algorithm).
  public var dayNumber: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The day `dayNumber` days after 1970-01-01, or nil outside years 1…9999.
  public init?(dayNumber: Int) {
    let z = dayNumber + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
  }

  /// The day `days` days later (earlier when negative), or nil past the supported years.
  public func adding(days: Int) -> FormDate? { FormDate(dayNumber: dayNumber + days) }

  /// Words for "today" accepted in either language. They are input syntax, like the digits
  /// of a date, not text the program shows.
  static let todayWords: Set<String> = ["today", "今天", "今日"]

  /// Reads what the user typed: `2026-11-26` (also with `/` or `.`, `20261126`, and
  /// `2026年11月26日`), a word for today, or `+N`/`-N` days from today. Full-width digits and
  /// signs from a Chinese input method count as ASCII. Empty text is no date.
  public static func parse(_ input: String, today: FormDate) -> Result<FormDate?, FieldProblem> {
    let text = normalizeWidth(input).trimmingSpaces()
    if text.isEmpty { return .success(nil) }
    if todayWords.contains(text.lowercased()) { return .success(today) }
    if let sign = text.first, sign == "+" || sign == "-" {
      var digits = text.dropFirst()
      if digits.last == "天" || digits.last == "d" { digits = digits.dropLast() }
      guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy(\.isASCIIDigit), let n = Int(digits)
      else { return .failure(.unreadableDate) }
      guard let date = today.adding(days: sign == "+" ? n : -n) else { return .failure(.unreadableDate) }
      return .success(date)
    }
    var parts: [Int] = []
    if text.count == 8, text.allSatisfy(\.isASCIIDigit) {
      let chars = Array(text)
      parts = [String(chars[0..<4]), String(chars[4..<6]), String(chars[6..<8])].compactMap { Int($0) }
    } else {
      var body = Substring(text)
      if body.last == "日" { body = body.dropLast() }
      let pieces = body.split(omittingEmptySubsequences: false, whereSeparator: { "-/.年月".contains($0) })
      guard pieces.count == 3,
        pieces.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy { $0.isASCIIDigit } })
      else { return .failure(.unreadableDate) }
      parts = pieces.compactMap { Int($0) }
    }
    guard parts.count == 3, parts[0] >= 1000 else { return .failure(.unreadableDate) }
    guard let date = FormDate(year: parts[0], month: parts[1], day: parts[2]) else {
      return .failure(.impossibleDate(text))
    }
    return .success(date)
  }

  /// Full-width digits and signs (as a Chinese input method types them) as ASCII.
  static func normalizeWidth(_ text: String) -> String {
    String(
      text.unicodeScalars.map { scalar -> Character in
        switch scalar.value {
        case 0xFF10...0xFF19, 0xFF0B, 0xFF0D, 0xFF0F, 0xFF0E:
          return Character(Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar)
        case 0x3000: return " "
        default: return Character(scalar)
        }
      })
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}

extension String {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while let first = s.first, first.isWhitespace { s = s.dropFirst() }
    while let last = s.last, last.isWhitespace { s = s.dropLast() }
    return String(s)
  }
}
