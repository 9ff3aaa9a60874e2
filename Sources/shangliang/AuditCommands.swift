import ArgumentParser
import Domain
import Foundation
import Localization
import Store

/// `shangliang verify`: walks the audit log's hash chain; exit 1 naming the first entry tampered with.
struct Verify: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Verify the audit log's hash chain: exit 0 if whole, 1 naming the first entry edited, "
      + "reordered, inserted or removed.")

  @OptionGroup var options: StoreOptions

  func run() throws {
    let verification = AuditLog.verify(storeFolder: options.folder.path)
    for line in verification.lines(in: options.language) { print(line) }
    if !verification.isSound { throw ExitCode(1) }
  }
}

/// `shangliang history`: who did what, from the audit log, with each record's fields before and after.
struct History: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Print the audit log: every change with its actor, time and the fields it changed.")

  @OptionGroup var options: StoreOptions
  @Option(help: "Only changes to records of this kind (members, staff, problems, …).") var kind: String?
  @Option(help: "Only changes to the record with this id (with --kind).") var id: UInt64?
  @Option(help: "Only changes made by this user name.") var user: String?
  @Option(help: "Only changes on or after this day (YYYY-MM-DD).") var since: String?

  func run() throws {
    let language = options.language
    var kindFilter: RecordKind?
    if let kind {
      guard let found = RecordKind.allCases.first(where: { CommitteeModel.pluralName($0) == kind }) else {
        let names = RecordKind.allCases.map(CommitteeModel.pluralName).joined(separator: ", ")
        throw CLIFailure(tr("audit.history.badKind", language, kind, names))
      }
      kindFilter = found
    }
    var sinceDay: Day?
    if let since {
      guard let day = Day(since) else { throw CLIFailure(tr("audit.history.badDate", language, since)) }
      sinceDay = day
    }
    let lines = HistoryText.lines(
      AuditLog.readEntries(storeFolder: options.folder.path), kind: kindFilter, id: id, user: user,
      since: sinceDay, language: language)
    if lines.isEmpty {
      print(tr("audit.history.none", language))
    } else {
      for line in lines { print(line) }
    }
  }
}

/// The audit log as lines of text, filtered.
enum HistoryText {
  static func lines(
    _ entries: [AuditEntry], kind: RecordKind?, id: UInt64?, user: String?, since: Day?, language: Language
  ) -> [String] {
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
    formatter.timeZone = .working
    var lines: [String] = []
    // References are named by their records' latest names in the log itself, so that history
    // needs no open store.
    var names: [RecordRef: String] = [:]
    for entry in entries where entry.kind == .change {
      for record in CommitteeModel.decodeAudit(entry.content, version: entry.payloadVersion)?.records ?? [] {
        if let value = record.after ?? record.before { names[record.ref] = value.displayName }
      }
    }
    for entry in entries {
      if let since, Day(workingDayOf: entry.date) < since { continue }
      let time = formatter.string(from: entry.date)
      if entry.kind == .note {
        guard kind == nil, id == nil, user == nil,
          let (code, first, last) = AuditLog.decodeNote(entry.content)
        else { continue }
        lines.append(
          tr(
            "audit.history.note", language, String(entry.number), time,
            tr("audit.note.\(code)", language, String(first), String(last))))
        continue
      }
      let actor = CommitteeModel.auditActor(entry.actor)
      if let user, actor?.userName != user { continue }
      let audited = CommitteeModel.decodeAudit(entry.content, version: entry.payloadVersion)
      let records = (audited?.records ?? []).filter { record in
        (kind == nil || record.ref.kind == kind) && (id == nil || record.ref.raw == id)
      }
      if (kind != nil || id != nil) && records.isEmpty { continue }
      let who =
        actor.map { actor in
          actor.role.map { "\(actor.userName) (\(tr($0.nameKey, language)))" } ?? actor.userName
        } ?? "?"
      let what = audited.map { $0.change.summary(in: language) } ?? tr("audit.history.unreadable", language)
      lines.append(
        tr(
          "audit.history.entry", language, String(entry.number), time, who, String(entry.journalSequence),
          what))
      for record in records {
        let name = (record.after ?? record.before)?.displayName ?? ""
        lines.append(
          tr(
            "audit.history.record", language, tr(record.ref.kind.nameKey, language), String(record.ref.raw),
            name))
        if record.before == nil { lines.append(tr("audit.history.created", language)) }
        if record.after == nil { lines.append(tr("audit.history.removed", language)) }
        for field in record.readableFields(in: language, name: { names[$0] })
        where record.before != nil && record.after != nil {
          lines.append(tr("audit.history.field", language, field.field, field.before, field.after))
        }
      }
    }
    return lines
  }
}
