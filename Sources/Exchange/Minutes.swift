import Domain
import Foundation
import Localization

/// The minutes of a consultation meeting as an official 会议纪要 in Markdown: title, the block of
/// time, place, host, participants and topic, then the speeches and the opinions taken from the minutes
/// text (split at its 发言摘要 / 形成意见 headings; text before any heading counts as speeches), and the
/// signature and date line.
public func minutesMarkdown(_ consultation: Consultation, state: CommitteeState, language: Language) -> String
{
  let meeting = consultation.meeting
  let names = NameLookup(state)
  let dash = "—"
  func field(_ key: String, _ value: String) -> String {
    tr(
      "exchange.minutes.field", language, tr(key, language),
      value.isEmpty ? dash : MarkdownText.escaped(value))
  }
  var participants: [String] = []
  if let meeting {
    // Escaped once, with the whole line, by `field`.
    let members = meeting.members.map { names.member($0).csvText }
    let departments = meeting.departments.map { names.department($0).csvText }
    func list(_ items: [String]) -> String {
      items.dropFirst().reduce(items.first ?? "") { tr("exchange.minutes.list", language, $0, $1) }
    }
    if !members.isEmpty {
      participants.append(tr("exchange.minutes.members", language, list(members)))
    }
    if !departments.isEmpty {
      participants.append(tr("exchange.minutes.departments", language, list(departments)))
    }
    if !meeting.residents.isEmpty {
      participants.append(tr("exchange.minutes.residents", language, meeting.residents))
    }
  }
  let (speeches, opinions) = MinutesSections.split(meeting?.minutes ?? "")
  let empty = tr("exchange.minutes.none", language)
  var lines = [
    "# " + tr("exchange.minutes.title", language, MarkdownText.escaped(consultation.details.title)), "",
  ]
  lines += [field("exchange.minutes.time", meeting?.date.description ?? ""), ""]
  lines += [field("exchange.minutes.place", meeting?.place ?? ""), ""]
  lines += [field("exchange.minutes.host", meeting?.host ?? ""), ""]
  lines += [
    field(
      "exchange.minutes.participants",
      participants.dropFirst().reduce(participants.first ?? "") {
        tr("exchange.minutes.groups", language, $0, $1)
      }), "",
  ]
  lines += [field("exchange.minutes.topic", consultation.confirmedTopic ?? consultation.details.title), ""]
  lines += ["## " + tr("exchange.minutes.speeches", language), ""]
  lines += (speeches.isEmpty ? [empty] : speeches.map(MarkdownText.escaped)).flatMap { [$0, ""] }
  lines += ["## " + tr("exchange.minutes.opinions", language), ""]
  lines += (opinions.isEmpty ? [empty] : opinions.map(MarkdownText.escaped)).flatMap { [$0, ""] }
  lines.append("---")
  lines.append("")
  let signer = consultation.details.station.map { names.station($0).csvText } ?? ""
  if !signer.isEmpty { lines += [MarkdownText.escaped(signer), ""] }
  lines.append(meeting.map { formattedDay($0.date, language) } ?? dash)
  return lines.joined(separator: "\n") + "\n"
}

/// Text from the data put into Markdown: it stays text. A line starting with `#`, `>`, a rule or
/// a fence would change the document's structure (a speech reading `## 形成意见`
/// would start a section), and inline marks would change emphasis or links; each gets a backslash.
/// Control characters are written as `\u{…}`.
public enum MarkdownText {
  public static func escaped(_ text: String) -> String {
    let plain = ControlCharacters.escaped(text)
    var out = ""
    out.reserveCapacity(plain.utf8.count + 8)
    for character in plain {
      if "\\`*_[]<>|~".contains(character) { out.append("\\") }
      out.append(character)
    }
    // Block markers count only at the start of the line (after spaces). Numbered and bulleted
    // lists are the secretary's own layout and stay; a rule (---, ***) would split the record.
    let leading = out.prefix { $0 == " " }
    let rest = out.dropFirst(leading.count)
    guard let first = rest.first else { return out }
    let isRule = rest.count >= 3 && rest.allSatisfy { "-*_= ".contains($0) }
    if "#>=".contains(first) || isRule {
      return String(leading) + "\\" + rest
    }
    return out
  }
}

func formattedDay(_ day: Day, _ language: Language) -> String {
  tr("exchange.minutes.date", language, String(day.year), String(day.month), String(day.day))
}

/// Splits minutes text at its two headings.
enum MinutesSections {
  static func split(_ text: String) -> (speeches: [String], opinions: [String]) {
    var speeches: [String] = []
    var opinions: [String] = []
    var inOpinions = false
    var seenHeading = false
    for raw in text.split(separator: "\n", omittingEmptySubsequences: true) {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty { continue }
      switch heading(line) {
      case .speeches?:
        inOpinions = false
        seenHeading = true
      case .opinions?:
        inOpinions = true
        seenHeading = true
      case nil:
        // The editor's template opens with the meeting's time, place, host, participants and topic;
        // the exported record prints those in its own title block, so they are not speeches.
        if !seenHeading && isTemplateField(line) { continue }
        if inOpinions { opinions.append(line) } else { speeches.append(line) }
      }
    }
    return (speeches, opinions)
  }

  /// A line of the template's title block, such as `时间：2026-05-12` or `Host: …`.
  static func isTemplateField(_ line: String) -> Bool {
    let labels = ["时间", "地点", "主持人", "参加人员", "议题", "time", "place", "host", "participants", "topic"]
    let lower = line.lowercased()
    return labels.contains { label in
      guard lower.hasPrefix(label) else { return false }
      let rest = lower.dropFirst(label.count).drop { $0 == " " }
      return rest.first == "：" || rest.first == ":"
    }
  }

  enum Heading { case speeches, opinions }

  /// A heading line: optional `#`s and numbering (一、 1. (一)) then the section's name, and nothing long after.
  static func heading(_ line: String) -> Heading? {
    var rest = Substring(line)
    while let first = rest.first, first == "#" || first == " " { rest = rest.dropFirst() }
    let numbering = Set("一二三四五六七八九十0123456789、.．()（） ")
    while let first = rest.first, numbering.contains(first) { rest = rest.dropFirst() }
    let body = rest.trimmingCharacters(in: CharacterSet(charactersIn: " ：:")).lowercased()
    // A heading may carry a few characters more ("发言摘要如下"), never a sentence.
    func named(_ title: String) -> Bool { body.hasPrefix(title) && body.count <= title.count + 4 }
    if named("发言摘要") || named("summary of speeches") || body == "speeches" { return .speeches }
    if named("形成意见") || named("opinions formed") || body == "opinions" { return .opinions }
    return nil
  }
}
