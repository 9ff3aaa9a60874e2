import TerminalCore
import Testing

@testable import Widgets

private typealias Pos = TextArea.Position

private func pos(_ paragraph: Int, _ offset: Int) -> TextArea.Position {
  TextArea.Position(paragraph: paragraph, offset: offset)
}

private func press(_ area: inout TextArea, _ keys: Key...) {
  for key in keys { area.handle(key) }
}

private func type(_ area: inout TextArea, _ text: String) {
  for ch in text { area.handle(.character(ch)) }
}

private let minutesZh =
  "政协委员围绕河道治理开展专题协商，提出了三条具体建议。会议认为，应当加强巡河工作，落实河长制责任，及时回应群众关切。\n"
  + "第二，各部门要在一个月内反馈办理情况。"
private let minutesEn =
  "The committee met on Thursday to discuss the river patrol report, and agreed on three follow-up actions.\n"
  + "Departments reply within one month."
private let minutesMixed =
  "2026年11月26日上午，区政协召开river patrol专题会议，委员们讨论了Yangtze River的保护工作（共12项）。"

@Suite("Text area: wrapped Chinese, English and mixed text as the secretary sees it")
struct TextAreaScreenTests {
  @Test("Chinese minutes at 40 columns: closing punctuation never starts a line")
  func chinese40() {
    let area = TextArea(text: minutesZh, width: 40, height: 5)
    #expect(
      area.visibleLines == [
        "政协委员围绕河道治理开展专题协商，提出了",
        "三条具体建议。会议认为，应当加强巡河工  ",
        "作，落实河长制责任，及时回应群众关切。  ",
        "第二，各部门要在一个月内反馈办理情况。  ",
        String(repeating: " ", count: 40),
      ])
  }

  @Test("Chinese minutes at 80 columns")
  func chinese80() {
    let area = TextArea(text: minutesZh, width: 80, height: 3)
    #expect(
      area.visibleLines == [
        "政协委员围绕河道治理开展专题协商，提出了三条具体建议。会议认为，应当加强巡河工  ",
        "作，落实河长制责任，及时回应群众关切。" + String(repeating: " ", count: 42),
        "第二，各部门要在一个月内反馈办理情况。" + String(repeating: " ", count: 42),
      ])
  }

  @Test("English at 40 and 80 columns wraps between words")
  func english() {
    let narrow = TextArea(text: minutesEn, width: 40, height: 4)
    #expect(
      narrow.visibleLines == [
        "The committee met on Thursday to discuss",
        "the river patrol report, and agreed on  ",
        "three follow-up actions.                ",
        "Departments reply within one month.     ",
      ])
    let wide = TextArea(text: minutesEn, width: 80, height: 2)
    #expect(
      wide.visibleLines == [
        "The committee met on Thursday to discuss the river patrol report, and agreed on ",
        "three follow-up actions.                                                        ",
      ])
  }

  @Test("mixed Chinese and English at 40 and 80 columns")
  func mixed() {
    let narrow = TextArea(text: minutesMixed, width: 40, height: 3)
    #expect(
      narrow.visibleLines == [
        "2026年11月26日上午，区政协召开river     ",
        "patrol专题会议，委员们讨论了Yangtze     ",
        "River的保护工作（共12项）。             ",
      ])
    let wide = TextArea(text: minutesMixed, width: 80, height: 2)
    #expect(
      wide.visibleLines == [
        "2026年11月26日上午，区政协召开river patrol专题会议，委员们讨论了Yangtze River的 ",
        "保护工作（共12项）。" + String(repeating: " ", count: 60),
      ])
  }

  @Test("drawing puts the hardware cursor on the caret, offset by the area's place on screen")
  func hardwareCursor() {
    var area = TextArea(text: minutesZh, width: 40, height: 5)
    press(&area, .down, .end)
    var canvas = Canvas(width: 60, height: 10)
    let point = area.draw(into: &canvas, in: Rect(x: 5, y: 2, width: 40, height: 5))
    // End of a wrapped line leaves the caret before its last character, 工 at column 36.
    #expect(point == Point(x: 5 + 36, y: 3))
    #expect(canvas.cursor == point)
    #expect(area.caretInView == Point(x: 36, y: 1))
  }
}

@Suite("Text area: resizing and events")
struct TextAreaResizeTests {
  @Test("narrowing the view re-wraps the text and keeps the caret in view")
  func narrower() {
    var area = TextArea(text: minutesZh, width: 40, height: 3)
    press(&area, .ctrlEnd)
    #expect(area.caretInView == Point(x: 38, y: 2))
    area.resize(width: 20, height: 3)
    #expect(area.visibleLines == ["及时回应群众关切。  ", "第二，各部门要在一个", "月内反馈办理情况。  "])
    #expect(area.caretInView == Point(x: 18, y: 2))
    area.resize(width: 40, height: 3)
    #expect(area.visibleLines.last == "第二，各部门要在一个月内反馈办理情况。  ")
  }

  @Test("key and paste events edit; Tab and other events are left to the caller")
  func events() {
    var area = TextArea()
    #expect(area.handle(.key(.character("甲"))) == .edited)
    #expect(area.handle(.paste("乙\n丙")) == .edited)
    #expect(area.handle(.key(.tab)) == .ignored)
    #expect(area.handle(.tick) == .ignored)
    #expect(area.text == "甲乙\n丙")
  }
}

@Suite("Text area: the caret after sequences of moves")
struct TextAreaCaretTests {
  @Test("← and → cross paragraph ends")
  func leftRightAcrossParagraphs() {
    var area = TextArea(text: "ab中文cd\n中文字符串", width: 40, height: 5)
    press(&area, .end)
    #expect(area.caret == pos(0, 6))
    press(&area, .right)
    #expect(area.caret == pos(1, 0))
    press(&area, .left, .left)
    #expect(area.caret == pos(0, 5))
    press(&area, .ctrlHome, .left)
    #expect(area.caret == pos(0, 0))
  }

  @Test("↑ and ↓ keep the goal display column across lines of wide characters")
  func verticalGoalColumn() {
    var area = TextArea(text: "ab中文cd\n中文字符串\nabcdefgh", width: 40, height: 5)
    press(&area, .right, .right, .right)
    #expect(area.caret == pos(0, 3))  // after 中: column 4
    press(&area, .down)
    #expect(area.caret == pos(1, 2))  // column 4 again, after 中文
    press(&area, .down)
    #expect(area.caret == pos(2, 4))
    press(&area, .left)  // column 3: inside a wide character on the line above
    press(&area, .up)
    #expect(area.caret == pos(1, 1))  // column 2, the boundary before
    press(&area, .up)
    #expect(area.caret == pos(0, 2))  // column 2: before 中, which spans 2–3
    press(&area, .down, .down)
    #expect(area.caret == pos(2, 3))  // the goal column 3 was kept all the way
  }

  @Test("↑/↓, Home and End work on the visual lines of one wrapped paragraph")
  func visualLines() {
    var area = TextArea(text: "一二三四五六七八九十甲乙", width: 10, height: 5)
    #expect(area.visibleLines.prefix(3) == ["一二三四五", "六七八九十", "甲乙      "])
    press(&area, .down)
    #expect(area.caret == pos(0, 5))
    press(&area, .end)
    #expect(area.caret == pos(0, 9))  // before 十: after it is the next line's start
    press(&area, .down)
    #expect(area.caret == pos(0, 12))  // column 8 is past 甲乙: the end of the last line
    press(&area, .up)
    #expect(area.caret == pos(0, 9))
    press(&area, .home)
    #expect(area.caret == pos(0, 5))
    press(&area, .up, .up)
    #expect(area.caret == pos(0, 0))
  }

  @Test("Ctrl-↑/↓ go by paragraph, Ctrl-Home/End to the ends of the text")
  func paragraphMoves() {
    var area = TextArea(text: "第一段\n第二段内容\n第三段", width: 40, height: 5)
    press(&area, .ctrlDown)
    #expect(area.caret == pos(1, 0))
    press(&area, .right, .right, .ctrlUp)
    #expect(area.caret == pos(1, 0))
    press(&area, .ctrlUp)
    #expect(area.caret == pos(0, 0))
    press(&area, .ctrlEnd)
    #expect(area.caret == pos(2, 3))
    press(&area, .ctrlDown)
    #expect(area.caret == pos(2, 3))
    press(&area, .ctrlHome)
    #expect(area.caret == pos(0, 0))
  }

  @Test("PgDn and PgUp move a page of lines and scroll with the caret")
  func paging() {
    let text = (0..<30).map { "第\($0)行" }.joined(separator: "\n")
    var area = TextArea(text: text, width: 20, height: 10)
    press(&area, .pageDown)
    #expect(area.caret == pos(9, 0))
    #expect(area.visibleLines.first == "第9行" + String(repeating: " ", count: 15))
    #expect(area.caretInView == Point(x: 0, y: 0))
    press(&area, .pageDown, .pageUp)
    #expect(area.caret == pos(9, 0))
    press(&area, .ctrlEnd)
    #expect(area.visibleLines.last == "第29行" + String(repeating: " ", count: 14))
    #expect(area.caretInView == Point(x: 6, y: 9))
    press(&area, .ctrlHome)
    #expect(area.visibleLines.first == "第0行" + String(repeating: " ", count: 15))
  }
}

@Suite("Text area: editing across line ends, paste, undo")
struct TextAreaEditingTests {
  @Test("Enter splits a paragraph; Backspace at its start joins it back; Delete at an end joins")
  func splitAndJoin() {
    var area = TextArea(text: "会议认为应当加强巡河", width: 40, height: 5)
    press(&area, .right, .right, .right, .right, .enter)
    #expect(area.text == "会议认为\n应当加强巡河")
    #expect(area.caret == pos(1, 0))
    press(&area, .backspace)
    #expect(area.text == "会议认为应当加强巡河")
    #expect(area.caret == pos(0, 4))
    press(&area, .enter, .left, .delete)
    #expect(area.text == "会议认为应当加强巡河")
    #expect(area.paragraphCount == 1)
  }

  @Test("Ctrl-K cuts to the paragraph's end (or joins at it), Ctrl-U to its start; both undo")
  func cutKeys() {
    var area = TextArea(text: "会议开始。张委员发言\n第二段")
    press(&area, .right, .right, .ctrl("k"))
    #expect(area.text == "会议\n第二段")
    press(&area, .ctrl("k"))
    #expect(area.text == "会议第二段")
    press(&area, .ctrl("u"))
    #expect(area.text == "第二段")
    #expect(area.caret == pos(0, 0))
    area.undo()
    area.undo()
    area.undo()
    #expect(area.text == "会议开始。张委员发言\n第二段")
  }

  @Test("typing in the middle of a wrapped paragraph re-wraps it")
  func typingRewraps() {
    var area = TextArea(text: "一二三四五六七八九", width: 10, height: 3)
    press(&area, .right)
    type(&area, "甲")
    #expect(area.visibleLines == ["一甲二三四", "五六七八九", "          "])
    #expect(area.caretInView == Point(x: 4, y: 0))
  }

  @Test("a large multi-paragraph paste goes in at once and is one undo step")
  func largePaste() {
    var area = TextArea(text: "开头。结尾。", width: 40, height: 10)
    press(&area, .right, .right, .right)
    let paragraph = String(repeating: "政协委员围绕河道治理开展专题协商，", count: 30)
    let pasted = Array(repeating: paragraph, count: 10).joined(separator: "\r\n")
    let before = area.version
    area.paste(pasted)
    #expect(area.paragraphCount == 10)
    #expect(area.text == "开头。" + Array(repeating: paragraph, count: 10).joined(separator: "\n") + "结尾。")
    #expect(area.caret == pos(9, paragraph.count))
    #expect(area.version == before + 1)
    #expect(area.caretInView != nil)
    area.undo()
    #expect(area.text == "开头。结尾。")
    #expect(area.caret == pos(0, 3))
    area.redo()
    #expect(area.paragraphCount == 10)
  }

  @Test("consecutive typing is one undo step, ended by sentence punctuation; redo brings it back")
  func undoGroups() {
    var area = TextArea()
    type(&area, "张三发言。")
    type(&area, "李四补充")
    #expect(area.text == "张三发言。李四补充")
    area.handle(.ctrl("z"))
    #expect(area.text == "张三发言。")
    area.handle(.ctrl("z"))
    #expect(area.text == "")
    #expect(!area.canUndo)
    area.handle(.ctrl("y"))
    #expect(area.text == "张三发言。")
    #expect(area.caret == pos(0, 5))
    area.handle(.ctrl("y"))
    #expect(area.text == "张三发言。李四补充")
  }

  @Test("a caret move ends a typing group; backspaces group together; a new edit clears redo")
  func undoAfterMoves() {
    var area = TextArea(text: "甲乙")
    press(&area, .ctrlEnd)
    type(&area, "丙丁")
    press(&area, .left)
    type(&area, "戊")
    #expect(area.text == "甲乙丙戊丁")
    press(&area, .backspace, .backspace, .backspace)
    #expect(area.text == "甲丁")
    area.undo()
    #expect(area.text == "甲乙丙戊丁")
    #expect(area.caret == pos(0, 4))
    area.undo()
    #expect(area.text == "甲乙丙丁")
    type(&area, "己")
    #expect(!area.canRedo)
  }

  @Test("the version counts changes so an autosave knows when to write")
  func versionCounter() {
    var area = TextArea(text: "甲")
    let start = area.version
    press(&area, .end, .left, .ctrlHome)
    #expect(area.version == start)
    type(&area, "乙")
    area.undo()
    #expect(area.version == start + 2)
    #expect(area.text == "甲")
  }
}

@Suite("Text area: the sentence at the caret, to turn into a problem")
struct TextAreaSentenceTests {
  let text = "会议开始。  张委员提出：河道垃圾清理不及时！请水务局一个月内答复？\n第二段没有句号"

  @Test("the caret in a sentence picks the text between sentence ends")
  func middleSentence() {
    var area = TextArea(text: text)
    for _ in 0..<9 { area.handle(.right) }
    #expect(area.currentSentence?.text == "张委员提出：河道垃圾清理不及时！")
    #expect(area.currentSentence?.range == pos(0, 7)..<pos(0, 23))
    press(&area, .end, .left)
    #expect(area.currentSentence?.text == "请水务局一个月内答复？")
  }

  @Test("a caret at a paragraph's end means its last sentence; a paragraph end closes one too")
  func ends() {
    var area = TextArea(text: text)
    area.moveCaret(to: pos(0, 999))
    #expect(area.currentSentence?.text == "请水务局一个月内答复？")
    press(&area, .ctrlEnd)
    #expect(area.currentSentence?.text == "第二段没有句号")
    press(&area, .ctrlHome)
    #expect(area.currentSentence?.text == "会议开始。")
  }

  @Test("closing quotes stay with their sentence; an empty paragraph has none")
  func quotes() {
    var area = TextArea(text: "他说：“马上整改。”随后离开。\n")
    press(&area, .right)
    #expect(area.currentSentence?.text == "他说：“马上整改。”")
    press(&area, .ctrlEnd)
    #expect(area.currentSentence == nil)
  }
}
