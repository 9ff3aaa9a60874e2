import Foundation
import Localization

/// The span of days a board counts: a year, a quarter, a month, any range of days, or all time.
///
/// Every figure of a board follows its period, and the period is always named in the board's title.
public enum Period: Hashable, Sendable, CustomStringConvertible {
  case year(Int)
  case quarter(year: Int, quarter: Int)
  case month(year: Int, month: Int)
  /// Both days included.
  case range(Day, Day)
  case allTime

  /// The first and last day (both included); nil for all time.
  public var days: ClosedRange<Day>? {
    switch self {
    case .year(let year):
      guard let first = Day(year: year, month: 1, day: 1), let last = Day(year: year, month: 12, day: 31)
      else { return nil }
      return first...last
    case .quarter(let year, let quarter):
      let firstMonth = (quarter - 1) * 3 + 1
      guard (1...4).contains(quarter), let first = Day(year: year, month: firstMonth, day: 1),
        let last = Day(year: year, month: firstMonth + 2, day: Day.daysIn(year: year, month: firstMonth + 2))
      else { return nil }
      return first...last
    case .month(let year, let month):
      guard let first = Day(year: year, month: month, day: 1),
        let last = Day(year: year, month: month, day: Day.daysIn(year: year, month: month))
      else { return nil }
      return first...last
    case .range(let from, let to):
      return min(from, to)...max(from, to)
    case .allTime:
      return nil
    }
  }

  /// The same span as day numbers (days since 1970-01-01); all time is every day.
  public var dayNumbers: ClosedRange<Int> {
    guard let days else { return Int.min...Int.max }
    return days.lowerBound.daysSinceEpoch...days.upperBound.daysSinceEpoch
  }

  public func contains(_ day: Day) -> Bool {
    guard let days else { return true }
    return days.contains(day)
  }

  /// The day whose state a "standing" figure (open, overdue) is read on: the period's last day, or
  /// today when the period has not ended yet.
  public func standingDay(today: Day) -> Day {
    guard let last = days?.upperBound else { return today }
    return min(last, today)
  }

  /// The period of the same kind just before (`step` -1) or after (+1); a range moves by its length.
  public func moved(by step: Int) -> Period {
    switch self {
    case .year(let year): return .year(year + step)
    case .quarter(let year, let quarter):
      let index = year * 4 + (quarter - 1) + step
      return .quarter(year: index / 4, quarter: index % 4 + 1)
    case .month(let year, let month):
      let index = year * 12 + (month - 1) + step
      return .month(year: index / 12, month: index % 12 + 1)
    case .range(let from, let to):
      let length = abs(to.daysSinceEpoch - from.daysSinceEpoch) + 1
      let low = min(from, to)
      let high = max(from, to)
      return .range(low.adding(days: length * step), high.adding(days: length * step))
    case .allTime:
      return .allTime
    }
  }

  /// How the period is written on the command line: `2026`, `2026Q3`, `2026-05`,
  /// `2026-01-01..2026-03-15`, `all`.
  public var description: String {
    switch self {
    case .year(let year): return "\(year)"
    case .quarter(let year, let quarter): return "\(year)Q\(quarter)"
    case .month(let year, let month): return String(format: "%04d-%02d", year, month)
    case .range(let from, let to): return "\(from)..\(to)"
    case .allTime: return "all"
    }
  }

  /// Reads what `description` writes (also `2026-q3` and `全部`); nil for anything else.
  public init?(parsing text: String) {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let upper = trimmed.uppercased()
    if upper == "ALL" || trimmed == "全部" {
      self = .allTime
      return
    }
    if let dots = trimmed.range(of: "..") {
      guard let from = Day(String(trimmed[..<dots.lowerBound])),
        let to = Day(String(trimmed[dots.upperBound...]))
      else { return nil }
      self = .range(from, to)
      return
    }
    let quarterParts = upper.replacingOccurrences(of: "-Q", with: "Q").split(separator: "Q")
    if upper.contains("Q") {
      guard quarterParts.count == 2, let year = Int(quarterParts[0]), let quarter = Int(quarterParts[1]),
        (1...4).contains(quarter), (1900...9999).contains(year)
      else { return nil }
      self = .quarter(year: year, quarter: quarter)
      return
    }
    let parts = trimmed.split(separator: "-")
    if parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
      (1...12).contains(month), (1900...9999).contains(year)
    {
      self = .month(year: year, month: month)
      return
    }
    if parts.count == 1, trimmed.count == 4, let year = Int(trimmed), (1900...9999).contains(year) {
      self = .year(year)
      return
    }
    return nil
  }

  /// The period's name in a board's title: 2026年 / 2026, 2026年第3季度 / Q3 2026, …
  public func title(in language: Language) -> String {
    switch self {
    case .year(let year): return tr("period.year", language, String(year))
    case .quarter(let year, let quarter): return tr("period.quarter", language, String(year), String(quarter))
    case .month(let year, let month):
      let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
      let name = language == .zh ? String(month) : names[(month - 1 + 12) % 12]
      return tr("period.month", language, String(year), name)
    case .range(let from, let to):
      return tr("period.range", language, min(from, to).description, max(from, to).description)
    case .allTime: return tr("period.all", language)
    }
  }
}

/// One calendar month, for trends.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int

  public init(year: Int, month: Int) {
    let index = year * 12 + (month - 1)
    self.year = index / 12
    self.month = index % 12 + 1
  }

  public init(_ day: Day) { self.init(year: day.year, month: day.month) }

  public func adding(months: Int) -> YearMonth { YearMonth(year: year, month: month + months) }

  public var firstDay: Day { Day(year: year, month: month, day: 1) ?? Day(daysSinceEpoch: 0) }
  public var lastDay: Day {
    Day(year: year, month: month, day: Day.daysIn(year: year, month: month)) ?? Day(daysSinceEpoch: 0)
  }

  public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool {
    (lhs.year, lhs.month) < (rhs.year, rhs.month)
  }

  public var description: String { String(format: "%04d-%02d", year, month) }
}
