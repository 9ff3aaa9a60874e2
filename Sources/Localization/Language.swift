/// The two languages every screen and message exists in.
public enum Language: String, Sendable, CaseIterable, Codable {
  case zh
  case en

  /// The language the environment asks for: English when `LC_ALL`, `LC_MESSAGES` or `LANG`
  /// (the first one set and non-empty) starts with `en`, Chinese otherwise.
  public static func fromEnvironment(_ environment: [String: String]) -> Language {
    for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
      if let value = environment[name], !value.isEmpty {
        return value.lowercased().hasPrefix("en") ? .en : .zh
      }
    }
    return .zh
  }
}

extension Language {
  /// What separates the items of a list in running text: the enumeration comma in Chinese, a comma
  /// and a space in English ("区水务局、区环保局" / "Water Bureau, Environment Bureau").
  public var listSeparator: String { self == .zh ? "、" : ", " }
}

extension Sequence<String> {
  /// The items joined as a list in running text of the language.
  public func listed(_ language: Language) -> String { joined(separator: language.listSeparator) }
}
