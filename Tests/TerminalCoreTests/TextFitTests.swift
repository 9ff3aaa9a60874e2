import Testing

@testable import TerminalCore

@Suite("Truncate and pad by display columns")
struct TextFitTests {
  @Test("Text that fits is returned as it is")
  func fits() {
    #expect(Text.truncate("abc", to: 3) == "abc")
    #expect(Text.truncate("商量", to: 4) == "商量")
    #expect(Text.truncate("", to: 5) == "")
  }

  @Test("A cut ends in … and never exceeds the columns, even splitting a wide character")
  func cutsWithEllipsis() {
    #expect(Text.truncate("abcdef", to: 4) == "abc…")
    #expect(Text.truncate("政协委员会", to: 5) == "政协…")
    #expect(Text.truncate("政协委员会", to: 4) == "政…")
    #expect(Text.truncate("😀😀😀", to: 4) == "😀…")
    #expect(Text.truncate("ab", to: 1) == "…")
    #expect(Text.truncate("ab", to: 0) == "")
    for columns in 1...12 {
      let cut = Text.truncate("巡河 patrol 河长制 🌊 report", to: columns)
      #expect(cut.displayWidth <= columns, "\(columns): \(cut)")
    }
  }

  @Test("Pad gives exactly the columns asked for, in every alignment")
  func padsExactly() {
    #expect(Text.pad("商量", to: 6) == "商量  ")
    #expect(Text.pad("商量", to: 6, align: .right) == "  商量")
    #expect(Text.pad("商量", to: 7, align: .center) == " 商量  ")
    #expect(Text.pad("政协委员会", to: 4) == "政… ")
    for columns in 0...14 {
      for align in [Text.Alignment.left, .right, .center] {
        #expect(Text.pad("监督 supervision 😀", to: columns, align: align).displayWidth == columns)
      }
    }
  }
}
