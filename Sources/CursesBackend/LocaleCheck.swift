import CNcursesw
import Localization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension CursesTerminal {
  /// Adopts the user's locale (`setlocale(LC_ALL, "")`) and tells whether its character set is
  /// UTF-8. Call it first thing, before anything touches the screen.
  public static func checkLocale() -> Bool {
    _ = setlocale(LC_ALL, "")
    return isUTF8(currentCodeset())
  }

  /// The locale the environment asks for when the system does not have it (e.g. `LANG=en_US.UTF-8`
  /// on a machine with only `C.UTF-8`), or nil when the request was granted.
  public static func missingLocale(environment: [String: String] = processEnvironment()) -> String? {
    guard setlocale(LC_ALL, "") == nil else { return nil }
    for name in ["LC_ALL", "LC_CTYPE", "LANG"] {
      if let value = environment[name], !value.isEmpty { return value }
    }
    return nil
  }

  /// The character set of the current locale (`nl_langinfo(CODESET)`), e.g. `UTF-8` or
  /// `ANSI_X3.4-1968`.
  public static func currentCodeset() -> String {
    guard let codeset = sl_codeset() else { return "" }
    return String(cString: codeset)
  }

  static func isUTF8(_ codeset: String) -> Bool {
    let folded = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
    return folded == "utf8"
  }

  /// What to tell a user whose locale is not UTF-8, in Chinese and then in English (we cannot
  /// trust the locale to pick one).
  public static func localeMessage(codeset: String = currentCodeset()) -> String {
    let shown = codeset.isEmpty ? "?" : codeset
    return tr("backend.locale.notUTF8", .zh, shown) + "\n" + tr("backend.locale.notUTF8", .en, shown)
  }

  /// For `main`: checks the locale and, when it is not UTF-8, prints `localeMessage` to
  /// standard error and exits with status 2, before the screen is touched.
  public static func exitUnlessUTF8Locale() {
    guard !checkLocale() else { return }
    var message = localeMessage()
    if let missing = missingLocale() {
      message =
        tr("backend.locale.notInstalled", .zh, missing) + "\n"
        + tr("backend.locale.notInstalled", .en, missing)
        + "\n" + message
    }
    writeToStandardError(message + "\n")
    exit(2)
  }

  /// Writes text to standard error unbuffered (for messages before curses starts or after it
  /// ended; never while it runs, the screen would be garbled).
  public static func writeToStandardError(_ text: String) {
    var bytes = Array(text.utf8)
    _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
  }
}
