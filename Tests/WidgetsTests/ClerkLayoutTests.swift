import Foundation
import TerminalCore
import Testing

@testable import Widgets

/// What a clerk reads on a form and a detail pane: matches that do not sit beside another field's
/// label, names kept whole, and a form's draft that puts back exactly what was typed.
@Suite("Forms and details read as they are meant")
struct ClerkLayoutTests {
  static let stations = [
    FieldOption(id: "s1", label: "城关街道联络站"),
    FieldOption(id: "s2", label: "城关社区联络室"),
    FieldOption(id: "s3", label: "城关东街联络点"),
  ]

  static func form() -> FormState {
    let search: FieldSearch = { query in stations.filter { $0.label.contains(query) } }
    let fields = [
      FormField("station", label: "联络站", kind: .reference(search)),
      FormField("date", label: "日期", kind: .date),
      FormField("place", label: "地点", kind: .text),
      FormField(
        "kind", label: "类别",
        kind: .choice([FieldOption(id: "a", label: "甲"), FieldOption(id: "b", label: "乙")])),
      FormField("notes", label: "情况记录", kind: .multilineText(rows: 2)),
    ]
    return FormState(fields: fields, today: FormDate(year: 2026, month: 11, day: 26)!) { _ in "错" }
  }

  @Test("the matches under a reference field hide the labels of the fields below them")
  func matchesHideLaterLabels() {
    var form = Self.form()
    for ch in "城关" { _ = form.handle(.character(ch)) }
    var canvas = Canvas(size: Size(width: 60, height: 8))
    form.draw(into: &canvas, in: canvas.bounds)
    let text = canvas.lines.joined(separator: "\n")
    #expect(text.contains("城关街道联络站"))
    #expect(!text.contains("日期"))
    #expect(!text.contains("地点"))
  }

  @Test("a list of names wraps between names, never inside one")
  func namesStayWhole() {
    let pane = DetailPane(rows: [DetailRow(label: "提出委员", value: "方健雪、赵秀光、段梅昊、欧阳明月")])
    let lines = pane.lines(width: 24).map(\.text)
    #expect(lines.count > 1)
    for name in ["方健雪", "赵秀光", "段梅昊", "欧阳明月"] {
      #expect(lines.contains { $0.contains(name) }, "\(name) is cut: \(lines)")
    }
    let english = DetailPane(rows: [DetailRow(label: "By", value: "Fang Jianxue, Zhao Xiuguang, Duan Meihao")]
    )
    for name in ["Fang Jianxue", "Zhao Xiuguang", "Duan Meihao"] {
      #expect(english.lines(width: 30).map(\.text).contains { $0.contains(name) })
    }
  }

  @Test("a form's draft, read back into a new form, gives every field as it was typed, a half-typed date too")
  func aDraftRoundTrips() throws {
    var form = Self.form()
    for ch in "城关东" { _ = form.handle(.character(ch)) }
    _ = form.handle(.enter)
    _ = form.handle(.tab)
    for ch in "2026-1" { _ = form.handle(.character(ch)) }
    _ = form.handle(.tab)
    for ch in "院坝" { _ = form.handle(.character(ch)) }
    form.setValue(.choice("b"), for: "kind")
    form.setValue(.text("第一行"), for: "notes")
    let text = form.draft.text
    let read = try #require(FormDraft(text: text))
    var again = Self.form()
    #expect(!again.hasChanges)
    again.restore(read)
    #expect(again.draft == form.draft)
    #expect(again.hasChanges)
    #expect(again.values["station"] == .reference(Self.stations[2]))
    #expect(again.field("date")?.editor.text == "2026-1")
    #expect(again.values["kind"] == .choice("b"))
    #expect(again.values["notes"] == .text("第一行"))
    #expect(FormDraft(text: "第5位委员发言") == nil)
  }
}
