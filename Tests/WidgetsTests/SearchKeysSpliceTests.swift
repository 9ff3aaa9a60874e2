import Testing

@testable import Widgets

/// Search keys carried through changes (a key replaced, inserted, removed) hold what keys made
/// afresh from the same texts hold: the same bytes, the same four-byte offsets, the same byte counts.
@Suite struct SearchKeysSpliceTests {
  @Test("keys spliced in place equal keys made again from the texts, offsets included")
  func splicedEqualsFresh() {
    var random = SystemRandomNumberGenerator()
    let words = ["路灯不亮", "Road", "井盖缺失", "x", "", "社区议事厅 East", "河道 III 类"]
    func text() -> String {
      (0..<Int.random(in: 0..<4, using: &random)).map { _ in words.randomElement(using: &random)! }
        .joined(separator: " ")
    }
    var texts = (0..<300).map { _ in text() }
    var keys = SearchKeys(count: texts.count) { texts[$0] }
    for step in 0..<600 {
      let row = Int.random(in: 0..<texts.count, using: &random)
      switch step % 3 {
      case 0:
        let new = text()
        texts[row] = new
        keys.replace(row: row, with: new)
      case 1:
        let new = text()
        texts.insert(new, at: row)
        keys.insert(new, at: row)
      default:
        texts.remove(at: row)
        keys.remove(row: row)
      }
    }
    let fresh = SearchKeys(count: texts.count) { texts[$0] }
    #expect(keys == fresh)
    #expect(keys.offsets.count == texts.count + 1)
    #expect(keys.start(ofRow: texts.count) == keys.bytes.count)
    let some = [Int32(3), 0, Int32(texts.count - 1)]
    #expect(keys.gather(some) == SearchKeys(count: some.count) { texts[Int(some[$0])] })
  }
}
