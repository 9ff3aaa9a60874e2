import Foundation

/// A calendar day (year, month, day) without a time zone: meeting dates, due dates, patrol dates.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  // Stored in 6 bytes rather than three Ints (24): every record holds several days, and an optional
  // day then fits in 8 bytes. Years beyond Int32 (no calendar reaches them) are clamped.
  private let storedYear: Int32
  private let storedMonth: UInt8
  private let storedDay: UInt8

  public var year: Int { Int(storedYear) }
  public var month: Int { Int(storedMonth) }
  public var day: Int { Int(storedDay) }

  /// A valid day, or nil (e.g. 2026-02-30).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month),
      day >= 1, day <= Day.daysIn(year: year, month: month)
    else { return nil }
    self.init(unchecked: year, month, day)
  }

  /// Parses exactly `YYYY-MM-DD` (digits only, real calendar day).
  public init?(_ text: String) {
    let utf8 = Array(text.utf8)
    guard utf8.count == 10, utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        let byte = utf8[index]
        guard byte >= 48, byte <= 57 else { return nil }
        value = value * 10 + Int(byte - 48)
      }
      return value
    }
    guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// The day `date` falls on in `timeZone`.
  public init(_ date: Date, _ timeZone: TimeZone) {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = timeZone
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    let days = Day.daysFromCivil(parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    self.init(daysSinceEpoch: days)
  }

  /// The day `days` after 1970-01-01 (negative for earlier days).
  public init(daysSinceEpoch days: Int) {
    let (y, m, d) = Day.civil(fromDays: days)
    self.init(unchecked: y, m, d)
  }

  public var daysSinceEpoch: Int { Day.daysFromCivil(year, month, day) }

  public func adding(days: Int) -> Day { Day(daysSinceEpoch: daysSinceEpoch + days) }

  /// The same day `months` later; a day past the end of the target month becomes its last day
  /// (2026-01-31 + 1 month = 2026-02-28).
  public func adding(months: Int) -> Day {
    let total = (year * 12 + (month - 1)) + months
    let y = total / 12
    let m = total % 12 + 1
    let d = min(day, Day.daysIn(year: y, month: m))
    return Day(unchecked: y, m, d)
  }

  /// The quarter (1–4) the day is in.
  public var quarter: Int { (month - 1) / 3 + 1 }

  public var description: String {
    let y = String(year)
    let m = month < 10 ? "0\(month)" : "\(month)"
    let d = day < 10 ? "0\(day)" : "\(day)"
    return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + m + "-" + d
  }

  /// Noon UTC of the day; a Date that falls on this day in every inhabited time zone.
  public var noonUTC: Date {
    Date(timeIntervalSince1970: Double(daysSinceEpoch) * 86_400 + 43_200)
  }

  public static func < (lhs: Day, rhs: Day) -> Bool {
    (lhs.storedYear, lhs.storedMonth, lhs.storedDay) < (rhs.storedYear, rhs.storedMonth, rhs.storedDay)
  }

  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  public static func daysIn(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Month and day are 1–12 and 1–31 wherever this is called (a checked day, or the calendar's).
  init(unchecked year: Int, _ month: Int, _ day: Int) {
    storedYear = Int32(clamping: year)
    storedMonth = UInt8(truncatingIfNeeded: month)
    storedDay = UInt8(truncatingIfNeeded: day)
  }

  // Howard Hinnant's days_from_civil / civil_from_days.
  static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (m + 9) % 12
    let doy = (153 * mp + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  static func civil(fromDays z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    return (y, m, d)
  }
}
