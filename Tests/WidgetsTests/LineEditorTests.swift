import TerminalCore
import Testing

@testable import Widgets

@Suite("Line editor: one line of Chinese text, edited by character")
struct LineEditorTests {
  @Test("typing a Chinese name puts the caret after it, two columns per character")
  func typingChinese() {
    var editor = LineEditor()
    for ch in "张三丰" { #expect(editor.handle(.character(ch)) == .edited) }
    #expect(editor.text == "张三丰")
    #expect(editor.caret == 3)
    #expect(editor.caretColumn == 6)
    editor.handle(.left)
    #expect(editor.caret == 2)
    #expect(editor.caretColumn == 4)

    var canvas = Canvas(width: 30, height: 3)
    let point = editor.draw(into: &canvas, x: 10, y: 2, width: 20)
    #expect(point == Point(x: 14, y: 2))
    #expect(canvas.cursor == Point(x: 14, y: 2))
    #expect(canvas.line(2) == "          张三丰              ")
  }

  @Test("Home, End, Ctrl-A, Ctrl-E move; Ctrl-K and Ctrl-U cut to the end and to the start")
  func lineKeys() {
    var editor = LineEditor("委员张三")
    editor.handle(.ctrl("a"))
    #expect(editor.caret == 0)
    editor.handle(.right)
    editor.handle(.right)
    #expect(editor.handle(.ctrl("k")) == .edited)
    #expect(editor.text == "委员")
    editor.handle(.home)
    editor.handle(.end)
    #expect(editor.caret == 2)
    for ch in "李四" { editor.handle(.character(ch)) }
    editor.handle(.left)
    editor.handle(.left)
    #expect(editor.handle(.ctrl("u")) == .edited)
    #expect(editor.text == "李四")
    #expect(editor.caret == 0)
    editor.handle(.ctrl("e"))
    #expect(editor.caret == 2)
  }

  @Test("Backspace and Delete remove one whole character; at the ends they do nothing")
  func deleting() {
    var editor = LineEditor("河长制")
    editor.handle(.backspace)
    #expect(editor.text == "河长")
    editor.handle(.home)
    #expect(editor.handle(.backspace) == .moved)
    editor.handle(.delete)
    #expect(editor.text == "长")
    editor.handle(.end)
    #expect(editor.handle(.delete) == .moved)
    #expect(editor.text == "长")
  }

  @Test("a paste goes in at the caret, its newlines and tabs becoming spaces")
  func pasting() {
    var editor = LineEditor("会议")
    editor.handle(.home)
    editor.paste("第一次\n全体\r\n\t")
    #expect(editor.text == "第一次 全体  会议")
    #expect(editor.caret == 8)
  }

  @Test("keys it does not know are left to the caller")
  func ignoredKeys() {
    var editor = LineEditor("abc")
    #expect(editor.handle(.tab) == .ignored)
    #expect(editor.handle(.up) == .ignored)
    #expect(editor.handle(.enter) == .ignored)
    #expect(editor.text == "abc")
  }

  @Test("a long line scrolls by display columns, never cutting a wide character at either edge")
  func horizontalScrolling() {
    let text = "a" + String(repeating: "甲乙丙丁戊己庚辛壬癸", count: 3)
    var editor = LineEditor(text)
    var canvas = Canvas(width: 10, height: 1)
    // Caret at the end, column 61: the view starts at column 55, the start of 辛.
    #expect(editor.visibleStart(width: 10) == 28)
    let point = editor.draw(into: &canvas, x: 0, y: 0, width: 10)
    #expect(canvas.line(0) == "辛壬癸    ")
    #expect(point == Point(x: 6, y: 0))

    editor.handle(.home)
    editor.draw(into: &canvas, x: 0, y: 0, width: 10)
    // 戊 would cross the right edge: it becomes a blank instead of half a glyph.
    #expect(canvas.line(0) == "a甲乙丙丁 ")
    #expect(canvas.cursor == Point(x: 0, y: 0))

    // Walking right, the caret is always inside the view.
    for _ in 0..<text.count {
      editor.handle(.right)
      let p = editor.draw(into: &canvas, x: 0, y: 0, width: 10)
      #expect(p.x >= 0 && p.x < 10)
      #expect(canvas.line(0).displayWidth == 10)
    }
  }
}
