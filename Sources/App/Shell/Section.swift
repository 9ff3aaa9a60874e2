import Localization

/// The sections of the tab bar, in order.
public enum Section: Int, CaseIterable, Sendable, Hashable {
  case overview
  case consultations
  case supervision
  case patrols
  case problems
  case registers
  case sectors
  /// 走访: the four double-hundred actions (issue 10).
  case visits
  /// 社情民意 reports (issue 10).
  case reports
  case boards

  /// The key of the section's name in the string tables.
  public var titleKey: String {
    switch self {
    case .overview: "section.overview"
    case .consultations: "section.consultations"
    case .supervision: "section.supervision"
    case .patrols: "section.patrols"
    case .problems: "section.problems"
    case .registers: "section.registers"
    case .sectors: "section.sectors"
    case .visits: "section.visits"
    case .reports: "section.reports"
    case .boards: "section.boards"
    }
  }

  /// The number key that selects the section: "1" … "9", then "0" for the tenth.
  public var digit: Character { rawValue == 9 ? "0" : Character(String((rawValue + 1) % 10)) }

  public func title(_ language: Language) -> String { tr(titleKey, language) }

  public var next: Section { Section(rawValue: (rawValue + 1) % Self.allCases.count) ?? .overview }
  public var previous: Section {
    Section(rawValue: (rawValue + Self.allCases.count - 1) % Self.allCases.count) ?? .overview
  }
}
