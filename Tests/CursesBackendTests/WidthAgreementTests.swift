import CNcursesw
import TerminalCore
import Testing

#if canImport(Glibc)
  import Glibc
#endif

@Suite("Our width table agrees with the wcwidth ncurses uses")
struct WidthAgreementTests {
  @Test("For every Unicode scalar, DisplayWidth equals libc wcwidth under C.UTF-8")
  func everyScalarAgrees() throws {
    let locale = setlocale(LC_ALL, "C.UTF-8")
    try #require(locale != nil, "the C.UTF-8 locale is missing; install the locales package")
    var mismatches: [String] = []
    var checked = 0
    var notPrintable: [String] = []
    for value in UInt32(0)...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      checked += 1
      let libc = Int(sl_wcwidth(value))
      let ours = DisplayWidth.of(scalar)
      if libc >= 0 {
        if ours != libc { mismatches.append(describe(value, libc, ours)) }
      } else if DisplayWidth.isControl(Character(scalar)) {
        // libc says -1 for control characters; we say 0 (Canvas never draws them).
        if ours != 0 { mismatches.append(describe(value, libc, ours)) }
      } else if ours != 1 {
        // What libc cannot print the backend draws as U+FFFD, one column: we must say 1.
        notPrintable.append(describe(value, libc, ours))
      }
    }
    #expect(checked == 0x110000 - 0x800, "every scalar but the surrogates")
    #expect(
      notPrintable.isEmpty,
      "\(notPrintable.count) unprintable scalars not measured as one column: \(notPrintable.prefix(20))")
    #expect(mismatches.isEmpty, "\(mismatches.count) differ: \(mismatches.prefix(20))")
  }

  func describe(_ value: UInt32, _ libc: Int, _ ours: Int) -> String {
    "U+\(String(value, radix: 16, uppercase: true)) libc \(libc) ours \(ours)"
  }
}
