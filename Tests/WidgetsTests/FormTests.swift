import Foundation
import TerminalCore
import Testing

@testable import Widgets

// A clerk records a river inspection visit: who, which sector, which term, when, at which
// liaison station, with which members, and what was seen.

private let stations = [
  FieldOption(id: "s1", label: "城关街道联络站"),
  FieldOption(id: "s2", label: "城关社区联络室"),
  FieldOption(id: "s3", label: "河西街道联络站"),
]
private let members = [
  FieldOption(id: "m1", label: "李四"),
  FieldOption(id: "m2", label: "王五"),
  FieldOption(id: "m3", label: "李明"),
]
private let sectors = [
  FieldOption(id: "econ", label: "经济界"),
  FieldOption(id: "edu", label: "教育界"),
  FieldOption(id: "sci", label: "科技界"),
]

private let searchStations: FieldSearch = { query in stations.filter { $0.label.contains(query) } }
private let searchMembers: FieldSearch = { query in members.filter { $0.label.contains(query) } }

/// Messages as the caller's string table would give them.
private let describe: @Sendable (FieldProblem) -> String = { problem in
  switch problem {
  case .required: return "必填"
  case .requiredChoice: return "必选：用 ← → 选择"
  case .notANumber: return "请输入数字"
  case .belowMinimum(let n): return "不能小于\(n)"
  case .aboveMaximum(let n): return "不能大于\(n)"
  case .unreadableDate: return "日期格式不对"
  case .impossibleDate(let text): return "日期不存在：\(text)"
  case .unresolvedReference: return "请从列表中选择"
  }
}

private let today = FormDate(year: 2026, month: 11, day: 26)!

private func visitForm(
  name: String? = nil, nameValidator: FieldValidator? = nil
) -> FormState {
  FormState(
    fields: [
      FormField(
        "name", label: "姓名", kind: .text, value: name.map { .text($0) }, required: true,
        validator: nameValidator),
      FormField("sector", label: "界别", kind: .choice(sectors)),
      FormField("term", label: "届次", kind: .number(min: 1, max: 20)),
      FormField("date", label: "视察日期", kind: .date, required: true),
      FormField("station", label: "联络站", kind: .reference(searchStations)),
      FormField("members", label: "参加委员", kind: .references(searchMembers)),
      FormField("notes", label: "情况记录", kind: .multilineText(rows: 3)),
    ], today: today, describe: describe)
}

private func type(_ form: inout FormState, _ text: String) {
  for ch in text { _ = form.handle(.character(ch)) }
}

private func press(_ form: inout FormState, _ keys: Key...) {
  for key in keys { _ = form.handle(key) }
}

/// A screen line: the text, then spaces to the full width.
private func row(_ text: String, _ width: Int) -> String {
  text + String(repeating: " ", count: width - text.displayWidth)
}

private func render(_ form: FormState, width: Int, height: Int) -> Canvas {
  var canvas = Canvas(width: width, height: height)
  form.draw(into: &canvas, in: canvas.bounds)
  return canvas
}

@Suite("Form: entering a record field by field")
struct FormEditingTests {
  @Test("typing a Chinese name puts the hardware cursor after it, two columns per character")
  func chineseCaret() {
    var form = visitForm()
    type(&form, "张三丰")
    #expect(render(form, width: 80, height: 10).cursor == Point(x: 12 + 6, y: 0))
    press(&form, .left, .left)
    #expect(render(form, width: 80, height: 10).cursor == Point(x: 12 + 2, y: 0))
    press(&form, .ctrl("k"))
    #expect(form.values["name"] == .text("张"))
  }

  @Test("Tab goes down the fields in order and wraps; Shift-Tab, ↑/↓ and Enter move too")
  func tabOrder() {
    var form = visitForm()
    var order: [FieldID] = []
    for _ in 0..<7 {
      order.append(form.focusedField?.id ?? "none")
      press(&form, .tab)
    }
    order.append(form.focusedField?.id ?? "none")
    #expect(order == ["name", "sector", "term", "date", "station", "members", "notes", "name"])
    press(&form, .backTab)
    #expect(form.focusedField?.id == "notes")
    press(&form, .backTab, .up, .up)
    #expect(form.focusedField?.id == "date")
    press(&form, .down, .enter)
    #expect(form.focusedField?.id == "members")
    // Leaving an empty required field does not complain yet; submitting does.
    #expect(form.field("name")?.error == nil)
  }

  @Test("a choice cycles with → ← and Space, and jumps by a typed first letter")
  func choice() {
    var form = visitForm()
    press(&form, .tab, .right)
    #expect(form.values["sector"] == .choice("econ"))
    press(&form, .character(" "), .right)
    #expect(form.values["sector"] == .choice("sci"))
    press(&form, .right)
    #expect(form.values["sector"] == .choice("econ"))
    press(&form, .left)
    #expect(form.values["sector"] == .choice("sci"))
    #expect(render(form, width: 80, height: 10).cursor == Point(x: 14, y: 1))
  }

  @Test("a number field takes digits only (full-width ones too) and checks its bounds on leaving")
  func numbers() {
    var form = visitForm()
    press(&form, .tab, .tab)
    type(&form, "a２5x")
    #expect(form.field("term")?.editor.text == "25")
    press(&form, .tab)
    #expect(form.field("term")?.error == "不能大于20")
    press(&form, .backTab, .backspace, .tab)
    #expect(form.field("term")?.error == nil)
    #expect(form.values["term"] == .number(2))
  }

  @Test("a multi-line field keeps Enter and ↑/↓ for its text; Tab leaves it")
  func multiline() {
    var form = visitForm()
    form.resize(width: 80)
    form.focus(on: "notes")
    type(&form, "河道有垃圾")
    press(&form, .enter)
    type(&form, "已通知")
    press(&form, .up)
    #expect(form.focusedField?.id == "notes")
    #expect(form.handle(.paste("水务局\n到场")) == .handled)
    #expect(form.values["notes"] == .text("河道有水务局\n到场垃圾\n已通知"))
    let canvas = render(form, width: 80, height: 12)
    #expect(canvas.cursor == Point(x: 12 + 4, y: 7))
    press(&form, .tab)
    #expect(form.focusedField?.id == "name")
  }
}

extension FormEditingTests {
  @Test("a multi-line field filled in advance takes what is typed after its text, as a one-line field does")
  func filledMultilineFieldTypesAtTheEnd() {
    // The consultation's first step offers its title as the first candidate topic; the clerk
    // adds a second candidate on the next line.
    var form = FormState(
      fields: [
        FormField("candidates", label: "候选议题", kind: .multilineText(rows: 4), value: .text("老旧小区停车难"))
      ], today: today, describe: describe)
    form.resize(width: 80)
    press(&form, .enter)
    type(&form, "夜间占道停车")
    #expect(form.values["candidates"] == .text("老旧小区停车难\n夜间占道停车"))
  }
}

extension FormEditingTests {
  @Test("a choice too long for its field ends in … and keeps its closing >")
  func longChoiceKeepsItsBrackets() {
    let river = FieldOption(id: "yangtze", label: "长江（白帝城段、夔门段、宝塔坪段、朝天门段、储奇门段、菜园坝段）")
    var form = FormState(
      fields: [FormField("river", label: "河流", kind: .choice([river]), value: .choice("yangtze"))],
      today: today, describe: describe)
    form.resize(width: 40)
    let line = render(form, width: 40, height: 3).line(0).trimmingCharacters(in: .whitespaces)
    #expect(line.contains("< 长江（白帝城段"), "\(line)")
    #expect(line.hasSuffix("… >"), "\(line)")
  }
}

@Suite("Form: dates as clerks type them")
struct FormDateTests {
  func parse(_ text: String) -> Result<FormDate?, FieldProblem> { FormDate.parse(text, today: today) }

  @Test("ISO and Chinese forms, today in either language, and days from today")
  func readable() {
    #expect(parse("2026-11-26") == .success(today))
    #expect(parse("2026/3/1") == .success(FormDate(year: 2026, month: 3, day: 1)))
    #expect(parse("2026年3月1日") == .success(FormDate(year: 2026, month: 3, day: 1)))
    #expect(parse("２０２６－１１－２６") == .success(today))
    #expect(parse("20261126") == .success(today))
    #expect(parse("今天") == .success(today))
    #expect(parse(" Today ") == .success(today))
    #expect(parse("+30") == .success(FormDate(year: 2026, month: 12, day: 26)))
    #expect(parse("+40") == .success(FormDate(year: 2027, month: 1, day: 5)))
    #expect(parse("-7") == .success(FormDate(year: 2026, month: 11, day: 19)))
    #expect(parse("") == .success(nil))
  }

  @Test("impossible days are refused with their own message; nonsense is unreadable")
  func impossible() {
    #expect(parse("2026-02-30") == .failure(.impossibleDate("2026-02-30")))
    #expect(parse("2026-02-29") == .failure(.impossibleDate("2026-02-29")))
    #expect(parse("2024-02-29") == .success(FormDate(year: 2024, month: 2, day: 29)))
    #expect(parse("2026-13-01") == .failure(.impossibleDate("2026-13-01")))
    #expect(parse("明年") == .failure(.unreadableDate))
    #expect(parse("+") == .failure(.unreadableDate))
    #expect(parse("26-11-26") == .failure(.unreadableDate))
    #expect(FieldProblem.impossibleDate("2026-02-30").key == "form.error.impossibleDate")
    #expect(FieldProblem.impossibleDate("2026-02-30").arguments == ["2026-02-30"])
  }

  @Test("typing +30 shows the day it means, and leaving the field writes it out")
  func relativeInForm() {
    var form = visitForm()
    form.focus(on: "date")
    type(&form, "+30")
    let canvas = render(form, width: 80, height: 12)
    #expect(canvas.line(3) == row("  视察日期  +30 → 2026-12-26", 80))
    #expect(canvas[16, 3].style.role == .hint)
    press(&form, .tab)
    #expect(form.field("date")?.editor.text == "2026-12-26")
    #expect(form.values["date"] == .date(FormDate(year: 2026, month: 12, day: 26)))
  }
}

@Suite("Form: picking records by searching")
struct FormReferenceTests {
  @Test("typing shows the matches below; ↓ picks, Enter accepts, a new edit drops the pick")
  func pickOne() {
    var form = visitForm()
    form.focus(on: "station")
    type(&form, "城关")
    #expect(form.focusedField?.offeredCandidates?.options == [stations[0], stations[1]])
    let before = render(form, width: 80, height: 12)
    #expect(before.line(4) == row("    联络站  城关", 80))
    // The matches cover the labels of the fields below: beside 参加委员 a station read as a member.
    #expect(before.line(5) == row("            > 城关街道联络站", 80))
    #expect(before.line(6) == row("              城关社区联络室", 80))
    #expect(before.cursor == Point(x: 16, y: 4))
    press(&form, .down)
    #expect(form.handle(.enter) == .handled)
    #expect(form.focusedField?.id == "station")
    #expect(form.values["station"] == .reference(stations[1]))
    #expect(render(form, width: 80, height: 12).line(4) == row("    联络站  城关社区联络室", 80))
    press(&form, .backspace)
    #expect(form.values["station"] == nil)
    press(&form, .escape)
    #expect(form.focusedField?.offeredCandidates == nil)
    #expect(form.submit() == .refused)
    #expect(form.field("station")?.error == "请从列表中选择")
  }

  @Test("a pasted name searches like a typed one; a paste into a number keeps only digits")
  func pasting() {
    var form = visitForm()
    form.focus(on: "station")
    #expect(form.handle(.paste("河西\n")) == .handled)
    #expect(form.focusedField?.offeredCandidates?.options == [stations[2]])
    form.focus(on: "term")
    _ = form.handle(.paste("第12届"))
    #expect(form.values["term"] == .number(12))
  }

  @Test("a typed name matching exactly one record is picked on leaving the field")
  func exactMatch() {
    var form = visitForm()
    form.focus(on: "station")
    type(&form, "河西街道联络站")
    press(&form, .tab)
    #expect(form.values["station"] == .reference(stations[2]))
  }

  @Test("several members are added by search; Backspace on an empty query removes the last")
  func pickMany() {
    var form = visitForm()
    form.focus(on: "members")
    type(&form, "李")
    press(&form, .enter)
    type(&form, "王")
    press(&form, .enter)
    type(&form, "李")
    // 李四 is already in: only 李明 is offered.
    #expect(form.focusedField?.offeredCandidates?.options == [members[2]])
    press(&form, .ctrl("u"))
    #expect(form.values["members"] == .references([members[0], members[1]]))
    #expect(render(form, width: 80, height: 12).line(5) == row("  参加委员  [李四] [王五]", 80))
    press(&form, .backspace)
    #expect(form.values["members"] == .references([members[0]]))
  }
}

@Suite("Form: checking, submitting and cancelling")
struct FormSubmitTests {
  @Test("an invalid form is refused, errors are marked and shown, and nothing typed is lost")
  func refused() {
    var form = visitForm()
    form.focus(on: "date")
    type(&form, "2026-02-30")
    form.focus(on: "station")
    type(&form, "不存在")
    press(&form, .ctrl("s"))
    #expect(form.errors == ["name": "必填", "date": "日期不存在：2026-02-30", "station": "请从列表中选择"])
    #expect(form.focusedField?.id == "name")
    #expect(form.field("date")?.editor.text == "2026-02-30")
    #expect(form.field("station")?.editor.text == "不存在")
    #expect(form.handle(.enter) == .handled)
    form.focus(on: "notes")
    #expect(form.submit() == .refused)
  }

  @Test("a required choice left unchosen says how to choose (← →), since typing there does nothing")
  func anUnchosenChoiceSaysHowToChoose() {
    var form = FormState(
      fields: [
        FormField("sector", label: "界别", kind: .choice(sectors), required: true),
        FormField("name", label: "姓名", kind: .text, required: true),
      ], today: today, describe: describe)
    #expect(form.submit() == .refused)
    #expect(form.errors == ["sector": "必选：用 ← → 选择", "name": "必填"])
    // Leaving it empty is not yet an error; choosing clears the message.
    form.focus(on: "sector")
    press(&form, .right)
    #expect(form.field("sector")?.error == nil)
  }

  @Test("the caller's validator speaks for the field after the built-in rules pass")
  func validator() {
    var form = visitForm(
      name: "张3",
      nameValidator: { value in
        if case .text(let s) = value, s.contains(where: \.isNumber) { return "姓名不能含数字" }
        return nil
      })
    form.setValue(.date(today), for: "date")
    #expect(form.submit() == .refused)
    #expect(form.errors == ["name": "姓名不能含数字"])
    press(&form, .backspace)
    #expect(form.field("name")?.error == nil)
    type(&form, "丰")
    guard case .submitted(let values) = form.submit() else {
      Issue.record("the corrected form should submit")
      return
    }
    #expect(values["name"] == .text("张丰"))
  }

  @Test("an error from outside is shown on its field until the user changes that field")
  func externalError() {
    var form = visitForm(name: "张三")
    form.setValue(.date(today), for: "date")
    form.setError(field: "name", message: "该委员已存在")
    #expect(render(form, width: 80, height: 12).line(1) == row("            该委员已存在", 80))
    #expect(form.submit() == .refused)
    type(&form, "丰")
    #expect(form.errors.isEmpty)
    #expect(form.submit() != .refused)
  }

  @Test("a filled form submits exactly the values entered")
  func submitted() {
    var form = visitForm()
    type(&form, "张三")
    press(&form, .tab, .right, .tab)
    type(&form, "3")
    press(&form, .tab)
    type(&form, "今天")
    press(&form, .tab)
    type(&form, "河西")
    press(&form, .enter, .tab)
    type(&form, "王")
    press(&form, .enter, .tab)
    type(&form, "巡河发现垃圾。")
    #expect(
      form.handle(.ctrl("s"))
        == .submitted([
          "name": .text("张三"), "sector": .choice("econ"), "term": .number(3), "date": .date(today),
          "station": .reference(stations[2]), "members": .references([members[1]]),
          "notes": .text("巡河发现垃圾。"),
        ]))
  }

  @Test("Enter on the last field submits")
  func enterOnLast() {
    var form = FormState(
      fields: [
        FormField("name", label: "姓名", kind: .text, required: true),
        FormField("term", label: "届次", kind: .number(min: 1, max: 20)),
      ], today: today, describe: describe)
    type(&form, "张三")
    press(&form, .enter)
    #expect(form.handle(.enter) == .submitted(["name": .text("张三"), "term": .number(nil)]))
  }

  @Test("Esc cancels an untouched form, asks first when something changed, and not after undoing it")
  func cancelling() {
    var form = visitForm(name: "张三")
    #expect(form.handle(.escape) == .cancelled)
    type(&form, "丰")
    #expect(form.hasChanges)
    #expect(form.handle(.escape) == .confirmDiscard)
    press(&form, .backspace)
    #expect(form.handle(.escape) == .cancelled)
    form.focus(on: "station")
    type(&form, "城关")
    #expect(form.handle(.escape) == .handled)  // first Esc closes the matches
    #expect(form.handle(.escape) == .confirmDiscard)
  }
}

@Suite("Form: golden screens with Chinese labels")
struct FormScreenTests {
  @Test("a filled form at 80 columns: labels right-aligned in one column, caret on the name")
  func filled80() {
    var form = visitForm(name: "张三")
    form.setValue(.choice("econ"), for: "sector")
    form.setValue(.number(3), for: "term")
    form.setValue(.date(today), for: "date")
    form.setValue(.reference(stations[0]), for: "station")
    form.setValue(.references([members[0], members[1]]), for: "members")
    form.setValue(.text("第一行\n第二行"), for: "notes")
    #expect(form.hasChanges)
    form.markSaved()
    form.resize(width: 80)
    let canvas = render(form, width: 80, height: 10)
    #expect(
      canvas.lines == [
        row("      姓名  张三", 80),
        row("      界别  < 经济界 >", 80),
        row("      届次  3", 80),
        row("  视察日期  2026-11-26", 80),
        row("    联络站  城关街道联络站", 80),
        row("  参加委员  [李四] [王五]", 80),
        row("  情况记录  第一行", 80),
        row("            第二行", 80),
        row("", 80),
        row("", 80),
      ])
    #expect(canvas.cursor == Point(x: 16, y: 0))
    #expect(form.layout(width: 80) == FormLayout(labelX: 2, labelWidth: 8, fieldX: 12, fieldWidth: 60))
    #expect(!form.hasChanges)
  }

  @Test("a refused form at 120 columns: `!` marks and messages under the fields, in the error role")
  func errors120() {
    var form = visitForm()
    form.labelAlignment = .left
    form.setValue(.choice("edu"), for: "sector")
    form.focus(on: "date")
    type(&form, "2026-02-30")
    form.focus(on: "station")
    type(&form, "不存在")
    press(&form, .escape)
    #expect(form.submit() == .refused)
    let canvas = render(form, width: 120, height: 14)
    #expect(
      canvas.lines == [
        row("! 姓名      ", 120),
        row("            必填", 120),
        row("  界别      < 教育界 >", 120),
        row("  届次      ", 120),
        row("! 视察日期  2026-02-30", 120),
        row("            日期不存在：2026-02-30", 120),
        row("! 联络站    不存在", 120),
        row("            请从列表中选择", 120),
        row("  参加委员  ", 120),
        row("  情况记录  ", 120),
        row("", 120),
        row("", 120),
        row("", 120),
        row("", 120),
      ])
    #expect(canvas.cursor == Point(x: 12, y: 0))
    #expect(canvas[0, 0].style.role == .error)
    #expect(canvas[12, 1].style.role == .error)
    #expect(canvas[12, 0].style.role == .input)
  }

  @Test("a form taller than its space scrolls to keep the focused field in view")
  func scrolling() {
    var form = visitForm()
    form.focus(on: "notes")
    let canvas = render(form, width: 80, height: 4)
    #expect(canvas.line(0) == row("  参加委员", 80))
    #expect(canvas.line(1) == row("  情况记录", 80))
    #expect(canvas.cursor == Point(x: 12, y: 1))
  }
}

@Suite("Form: messages for the problems it finds")
struct FormMessageKeyTests {
  @Test("every built-in problem has its key in the shipped string table, in both languages")
  func keysInTable() throws {
    let table = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("Resources/strings/form.tsv")
    let text = try String(contentsOf: table, encoding: .utf8)
    var entries: [String: [Substring]] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
      entries[String(columns[0])] = Array(columns.dropFirst())
    }
    let problems: [FieldProblem] = [
      .required, .notANumber, .belowMinimum(1), .aboveMaximum(2), .unreadableDate,
      .impossibleDate("2026-02-30"), .unresolvedReference,
    ]
    for problem in problems {
      let texts = entries[problem.key] ?? []
      #expect(texts.count == 2 && texts.allSatisfy { !$0.isEmpty }, "\(problem.key)")
      for text in texts { #expect(text.contains("{0}") == !problem.arguments.isEmpty, "\(problem.key)") }
    }
  }
}

@Suite("Form: a refusal under its field")
struct FormRefusalDrawingTests {
  @Test("a message wider than the form ends in … and no wide character is cut")
  func longRefusalEndsInAnEllipsis() {
    var form = visitForm(name: "李四")
    form.setError(field: "name", message: "这个名字已经被另一位委员使用，请改一个名字或者先归档那位委员的记录")
    let line = render(form, width: 40, height: 4).line(1)
    #expect(line == row("            这个名字已经被另一位委员使…", 40), "\(line)")
    // A message that fits is shown whole.
    form.setError(field: "name", message: "重名")
    #expect(render(form, width: 40, height: 4).line(1) == row("            重名", 40))
  }
}
