import Domain
import Foundation
import Localization
import Store
import Widgets

/// One record's changes from the audit log, newest first: who, when, what, and each field before
/// and after; shown over the screen with the help overlay's scrolling.
public struct RecordHistory: Equatable, Sendable {
  public var title: String
  public var rows: [HelpRow]
  public var scroll = HelpOverlayState()

  var overlay: HelpOverlay { HelpOverlay(title: title, rows: rows) }

  public init(_ ref: RecordRef, entries: [AuditEntry], data: CommitteeState, language: Language) {
    let name = data.value(of: ref)?.displayName ?? "#\(ref.raw)"
    title = tr("history.title", language, tr(ref.kind.nameKey, language), name)
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    formatter.timeZone = .working
    var rows: [HelpRow] = []
    for entry in entries.reversed() where entry.kind == .change {
      guard let audited = CommitteeModel.decodeAudit(entry.content, version: entry.payloadVersion),
        let record = audited.records.first(where: { $0.ref == ref })
      else { continue }
      let actor = CommitteeModel.auditActor(entry.actor)
      let who =
        actor.map { actor in
          actor.role.map {
            language == .zh
              ? "\(actor.userName)（\(tr($0.nameKey, language))）"
              : "\(actor.userName) (\(tr($0.nameKey, language)))"
          } ?? actor.userName
        } ?? "?"
      // The audit keeps IDs ("problem #1674 to #16"): name them from today's data, except in the
      // change that created this record, which today's data would call an edit.
      let summary = audited.change.summary(in: language, before: record.before == nil ? nil : data)
      rows.append(.heading("\(formatter.string(from: entry.date))  \(who)  \(summary)"))
      if record.before == nil {
        rows.append(HelpRow(key: "+", description: tr("history.created", language)))
      } else if record.after == nil {
        rows.append(HelpRow(key: "−", description: tr("history.removed", language)))
      } else {
        for field in record.readableFields(in: language, name: { data.value(of: $0)?.displayName }) {
          rows.append(
            HelpRow(key: field.field, description: tr("history.field", language, field.before, field.after)))
        }
      }
    }
    if rows.isEmpty { rows.append(HelpRow(key: "·", description: tr("history.none", language))) }
    self.rows = rows
  }
}
