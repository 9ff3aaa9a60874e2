import Foundation

/// Where a store lives when `--store` is not given.
enum StoreLocation {
  /// `$SHANGLIANG_STORE`, else `$XDG_DATA_HOME/shangliang`, else `~/.local/share/shangliang`.
  static func defaultFolder(environment: [String: String]) -> URL {
    if let named = environment["SHANGLIANG_STORE"], !named.isEmpty {
      return URL(fileURLWithPath: named)
    }
    if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty, xdg.hasPrefix("/") {
      return URL(fileURLWithPath: xdg).appendingPathComponent("shangliang")
    }
    let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
    return URL(fileURLWithPath: home).appendingPathComponent(".local/share/shangliang")
  }
}
