import Domain
import Localization
import Store
import TerminalCore
import Widgets

/// The data a form was built from, so that saving it never silently writes over what another
/// person changed in the same record after the form opened (two clerks editing one member).
///
/// Kept in memory only: the form remembers the whole state it started from (a persistent value,
/// so keeping it costs nothing) and its data version.
public struct EditBase: Equatable, Sendable {
  /// The data version the form opened at.
  public let version: Int
  let data: CommitteeState

  public init(_ context: ScreenContext) {
    version = context.dataVersion
    data = context.data
  }

  /// One app's data versions only grow, so the version names the data.
  public static func == (lhs: EditBase, rhs: EditBase) -> Bool { lhs.version == rhs.version }

  /// What saving `change` now would undo of other people's changes since the form opened: every
  /// field of a record it writes that someone else changed meanwhile and that the save would set
  /// back (or to something else). Fields the change leaves as the other person set them (a step
  /// recorded on a consultation whose details this form edits) are no clash; nor is a change
  /// the Domain refuses (its refusal says why).
  public func clash(_ change: Change, context: ScreenContext) -> EditClash? {
    guard context.dataVersion != version else { return nil }
    let applied: Applied
    do throws(DomainError) {
      applied = try Domain.apply(change, to: context.data, actor: context.actor, now: context.now)
    } catch {
      return nil
    }
    var records: [EditClash.Record] = []
    for ref in applied.touched {
      guard let was = data.value(of: ref) else { continue }
      let theirs = context.data.value(of: ref)
      guard theirs != was else { continue }
      let saved = applied.state.value(of: ref)
      let before = Dictionary(AuditedRecord.fields(of: was), uniquingKeysWith: { first, _ in first })
      let after = Dictionary(AuditedRecord.fields(of: saved), uniquingKeysWith: { first, _ in first })
      // Compared by the stored text, shown as the user reads it (names, not numbers; in their language).
      let language = context.language
      func shown(_ value: RecordValue?) -> [String: String] {
        Dictionary(
          AuditedRecord.readable(
            value, language: language, name: { context.data.value(of: $0)?.displayName }),
          uniquingKeysWith: { first, _ in first })
      }
      let (wasShown, theirsShown, savedShown) = (shown(was), shown(theirs), shown(saved))
      let fields = AuditedRecord(ref: ref, before: was, after: theirs).changedFields.compactMap {
        field -> EditClash.Field? in
        // Theirs stays when this save writes exactly what they wrote.
        guard after[field.field] != field.after else { return nil }
        return EditClash.Field(
          name: AuditedRecord.fieldName(field.field, language),
          before: wasShown[field.field] ?? before[field.field] ?? field.before,
          theirs: theirsShown[field.field] ?? field.after,
          yours: savedShown[field.field] ?? after[field.field] ?? "")
      }
      if theirs == nil || !fields.isEmpty {
        records.append(
          EditClash.Record(
            ref: ref, name: (theirs ?? was).displayName, removed: theirs == nil, fields: fields))
      }
    }
    guard !records.isEmpty else { return nil }
    // This user's own change since the form opened (an undo or redo with the form open) is no
    // clash: they know what they did, and what the form holds is what they mean now.
    let who = context.changes.authors(since: version, touching: Set(records.map(\.ref)))
    if who.others.isEmpty, !who.unknown, who.thisUser { return nil }
    return EditClash(records: records, by: who.others.map { context.data.personName(userName: $0) })
  }
}

extension CommitteeState {
  /// How a user is named to colleagues: the staff member's name when their account has one, else
  /// the user name.
  public func personName(userName: String) -> String {
    guard let account = staffAccount(userName: userName), !account.displayName.isEmpty else {
      return userName
    }
    return account.displayName
  }
}

/// What another person changed in the records a form is about to save, field by field, and the
/// question whether to save this user's values over it.
public struct EditClash: Equatable, Sendable {
  /// One field: as the form saw it, as the other person left it, and as this save would set it.
  public struct Field: Equatable, Sendable {
    public var name: String
    public var before: String
    public var theirs: String
    public var yours: String
  }

  /// One record another person changed (or removed) since the form opened.
  public struct Record: Equatable, Sendable {
    public var ref: RecordRef
    public var name: String
    public var removed: Bool
    public var fields: [Field]
  }

  public var records: [Record]
  /// Who changed them, by name (empty: not known, "someone else").
  public var by: [String] = []
  var confirm = ConfirmState(focus: .no)

  public init(records: [Record], by: [String] = []) {
    self.records = records
    self.by = by
  }

  /// "张三" / "张三、李四" / "someone else" when not known.
  func who(_ language: Language) -> String? {
    by.isEmpty ? nil : by.joined(separator: tr("shared4.clash.and", language))
  }

  /// The other person's changes in a sentence: "张三: phone 139… → 138…; notes … → …".
  public func changes(_ language: Language) -> String {
    records.map { record in
      let what =
        record.removed
        ? tr("shared3.clash.removed", language)
        : record.fields.map { tr("shared3.clash.field", language, $0.name, $0.before, $0.theirs, $0.yours) }
          .joined(separator: tr("shared3.clash.separator", language))
      return tr("shared3.clash.record", language, tr(record.ref.kind.nameKey, language), record.name, what)
    }.joined(separator: tr("shared3.clash.separator", language))
  }

  /// The line for the message bar.
  public func message(_ language: Language) -> String {
    guard let who = who(language) else { return tr("shared3.clash.message", language, changes(language)) }
    return tr("shared4.clash.message", language, who, changes(language))
  }

  func dialog(_ language: Language) -> ConfirmDialog {
    let who = who(language)
    return ConfirmDialog(
      title: who.map { tr("shared4.clash.title", language, $0) } ?? tr("shared3.clash.title", language),
      question: who.map { tr("shared4.clash.question", language, $0, changes(language)) }
        ?? tr("shared3.clash.question", language, changes(language)),
      yesLabel: tr("shared3.clash.saveMine", language), noLabel: tr("shared3.clash.backToForm", language))
  }

  /// Draws the question over the form.
  public func draw(into canvas: inout Canvas, area: Rect, language: Language) {
    canvas.cursor = nil
    dialog(language).draw(into: &canvas, area: area, state: confirm)
  }

  /// What a key does to the question: `.confirmed` saves this user's values over the other
  /// person's, `.cancelled` goes back to the form with everything typed.
  public mutating func handle(_ key: Key, language: Language) -> ConfirmOutcome {
    dialog(language).handle(key, state: &confirm)
  }
}
