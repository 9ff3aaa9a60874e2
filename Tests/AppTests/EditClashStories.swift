import Domain
import Foundation
import Localization
import TerminalCore
import Testing

@testable import App

/// Two changes to one record race on the local store: a form opened before another change arrived
/// and saved after it never silently writes over that change.
@Suite struct EditClashStories {
  /// Another change to `ref` reaches the running app, as a shared store's incoming change would
  /// (here applied to the local store behind the app's back, by another user).
  static func someoneElse(_ world: TestWorld, changes change: Change, touching ref: RecordRef) throws {
    try world.store.apply(change, actor: .staff("lixm", .clerk), now: world.clock.now())
    world.runtime.send(.dataChanged(world.store.state, touched: [ref]))
    world.runtime.run(untilIdle: true)
  }

  @Test func aClerkEditingAMemberIsToldWhatAnotherChangedAndKeepsWhatSheTyped() throws {
    let registers = try RegistersWorld()
    let world = registers.world
    let zhang = Member(id: MemberID(raw: world.store.state.nextRawID), name: "张三", phone: "13800000111")
    world.apply(.putMember(zhang))
    #expect(registers.screen.contains("张三"))

    // She opens the member and adds to the name …
    registers.type("e")
    #expect(registers.screen.contains("编辑委员"))
    world.press([.end])
    registers.type("（副）")
    // … while another clerk changes the phone.
    try Self.someoneElse(
      world, changes: .putMember(Member(id: zhang.id, name: "张三", phone: "13800000222")),
      touching: RecordRef(zhang.id))
    #expect(world.state.data.members[zhang.id]?.phone == "13800000222")

    // Her save is held back: the other clerk's phone stays, and she is told what it was and is.
    registers.press(.ctrl("s"))
    #expect(world.state.data.members[zhang.id]?.phone == "13800000222")
    #expect(world.state.data.members[zhang.id]?.name == "张三")
    let screen = registers.screen
    #expect(screen.contains("记录已被他人修改"), "\(screen)")
    #expect(screen.contains("电话"))
    #expect(screen.contains("222"))

    // Back to the form: what she typed is all there, and the phone is hers to set.
    registers.type("n")
    guard case .form(let form) = world.state.registers.mode else {
      Issue.record("the form closed: \(registers.screen)")
      return
    }
    #expect(form.clash == nil)
    #expect(form.form.values["name"] == .text("张三（副）"))
    // She takes the other clerk's phone into her form and saves on top of their change.
    registers.press(.tab, .tab, .tab, .tab)
    if case .form(let form) = world.state.registers.mode { #expect(form.form.focusedField?.id == "phone") }
    registers.press(.ctrl("u"))
    registers.type("13800000222")
    registers.press(.ctrl("s"))
    #expect(world.state.data.members[zhang.id] == Member(id: zhang.id, name: "张三（副）", phone: "13800000222"))
  }

  @Test func saidYesTheClerksOwnValuesGoOverTheOtherChangeHeSaw() throws {
    let registers = try RegistersWorld(language: .en)
    let world = registers.world
    let zhang = Member(id: MemberID(raw: world.store.state.nextRawID), name: "Zhang", notes: "old")
    world.apply(.putMember(zhang))
    registers.type("e")
    world.press([.end])
    registers.type(" Jr")
    try Self.someoneElse(
      world, changes: .putMember(Member(id: zhang.id, name: "Zhang", notes: "new")),
      touching: RecordRef(zhang.id))
    registers.press(.ctrl("s"))
    #expect(registers.screen.contains("Changed by someone else"), "\(registers.screen)")
    guard case .form(let form) = world.state.registers.mode else {
      Issue.record("the form closed: \(registers.screen)")
      return
    }
    #expect(
      form.clash?.changes(.en) == #"member "Zhang": Notes was "old", they made it "new", your form has "old""#
    )
    #expect(world.state.data.members[zhang.id]?.notes == "new")
    registers.type("y")
    #expect(world.state.data.members[zhang.id] == Member(id: zhang.id, name: "Zhang Jr", notes: "old"))
  }

  @Test func anAgreementEditedOnTheKitFormAsksBeforeWritingOverAnotherChange() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("7"), .character("c"))
    let agreement = try #require(
      world.runtime.state.data.cooperationAgreements.values.max {
        ($0.signedOn, $0.id) < ($1.signedOn, $1.id)
      })
    world.press(.character("e"))
    #expect(world.backend.screen.text.contains("Edit agreement: \(agreement.title)"))
    world.press(.end)
    for character in " 2027" { world.press(.character(character)) }
    var theirs = agreement
    theirs.scope = "Quarterly joint sampling"
    try EditClashStories.someoneElse(
      world.world, changes: .putCooperationAgreement(theirs), touching: RecordRef(agreement.id))

    world.press(.ctrl("s"))
    let session = try #require(world.runtime.state.sectors.session)
    let clash = try #require(session.clash)
    #expect(clash.records.map(\.ref) == [RecordRef(agreement.id)])
    #expect(clash.records.first?.fields.map(\.name) == ["Scope"])
    #expect(world.runtime.state.data.cooperationAgreements[agreement.id] == theirs)
    #expect(world.backend.screen.text.contains("Changed by someone else"))

    // Back to the form, then Esc with changes asks, and yes discards: their change stands.
    world.press(.character("n"))
    #expect(world.runtime.state.sectors.session?.clash == nil)
    #expect(world.runtime.state.sectors.session?.form.values["title"] == .text(agreement.title + " 2027"))
    world.press(.escape, .character("y"))
    #expect(world.runtime.state.sectors.session == nil)
    #expect(world.runtime.state.data.cooperationAgreements[agreement.id] == theirs)
  }

  /// Another user's change reaches the running app as a shared store hands it over: with who made
  /// it and the records it touched.
  static func byAnotherUser(
    _ world: TestWorld, _ userName: String, _ role: Domain.Role = .clerk, changes change: Change,
    touching ref: RecordRef
  ) throws {
    try world.store.apply(change, actor: .staff(userName, role), now: world.clock.now())
    world.runtime.send(
      .dataChanged(
        world.store.state, touched: [ref], by: .others([OthersChange(userName: userName, touched: [ref])])))
    world.runtime.run(untilIdle: true)
  }

  @Test func theQuestionNamesTheColleagueWhoChangedTheRecordByTheirStaffName() throws {
    for language in [Language.zh, .en] {
      let world = try DemoWorld(language: language, size: Size(width: 120, height: 40))
      // 李晓明 has an account (user name lixm); 王 (wangf) has none and is named by user name.
      world.world.apply(
        .putStaffAccount(
          StaffAccount(
            id: StaffAccountID(raw: world.store.state.nextRawID), userName: "lixm", displayName: "李晓明",
            role: .clerk)))
      world.press(.character("7"), .character("c"))
      let agreement = try #require(
        world.runtime.state.data.cooperationAgreements.values.max { $0.id < $1.id })
      world.press(.character("e"), .end, .character("!"))
      var theirs = agreement
      theirs.scope = "Quarterly joint sampling"
      try Self.byAnotherUser(
        world.world, "lixm", changes: .putCooperationAgreement(theirs), touching: RecordRef(agreement.id))
      world.press(.ctrl("s"))
      let clash = try #require(world.runtime.state.sectors.session?.clash)
      #expect(clash.by == ["李晓明"])
      let screen = world.backend.screen.text
      #expect(screen.contains(language == .zh ? "记录已被李晓明修改" : "Changed by 李晓明"), "\(screen)")
      #expect(!screen.contains(language == .zh ? "别人" : "someone else"))
      #expect(world.runtime.state.data.cooperationAgreements[agreement.id] == theirs)

      // Back to the form; then a user without an account changes it again: named by user name.
      world.press(.character("n"))
      theirs.scope = "Monthly joint sampling"
      try Self.byAnotherUser(
        world.world, "wangf", changes: .putCooperationAgreement(theirs), touching: RecordRef(agreement.id))
      world.press(.ctrl("s"))
      #expect(world.runtime.state.sectors.session?.clash?.by == ["wangf"])
      #expect(world.backend.screen.text.contains(language == .zh ? "记录已被wangf修改" : "Changed by wangf"))
    }
  }

  @Test func herOwnRedoWithTheFormOpenIsNotTakenForSomeoneElsesChange() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("7"), .character("c"))
    let agreement = try #require(world.runtime.state.data.cooperationAgreements.values.max { $0.id < $1.id })
    // She changed the scope earlier and took it back (u).
    var hers = agreement
    hers.scope = "Her earlier scope"
    world.world.apply(.putCooperationAgreement(hers))
    world.press(.character("u"))
    #expect(world.runtime.state.data.cooperationAgreements[agreement.id] == agreement)
    // With the form open she redoes it (Ctrl-R reaches the shell from a form) …
    world.press(.character("e"), .end)
    for character in " 2027" { world.press(.character(character)) }
    world.press(.ctrl("r"))
    #expect(world.runtime.state.data.cooperationAgreements[agreement.id]?.scope == "Her earlier scope")
    // … and saves: her own change is no clash, nobody else is blamed, the form's values are saved.
    world.press(.ctrl("s"))
    #expect(world.runtime.state.sectors.session == nil, "\(world.backend.screen.text)")
    #expect(!world.backend.screen.text.contains("someone else"))
    #expect(world.runtime.state.data.cooperationAgreements[agreement.id]?.title == agreement.title + " 2027")
    #expect(world.runtime.state.data.cooperationAgreements[agreement.id]?.scope == agreement.scope)
  }

  @Test func afterHerOwnRedoUnderTheFormAColleaguesChangeIsAskedAboutAsTheirsAlone() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    world.press(.character("7"), .character("c"))
    let agreement = try #require(world.runtime.state.data.cooperationAgreements.values.max { $0.id < $1.id })
    var hers = agreement
    hers.scope = "Her earlier scope"
    world.world.apply(.putCooperationAgreement(hers))
    world.press(.character("u"))
    // With the form open she redoes her scope, then a colleague changes the title.
    world.press(.character("e"), .end)
    for character in " 2027" { world.press(.character(character)) }
    world.press(.ctrl("r"))
    var theirs = try #require(world.runtime.state.data.cooperationAgreements[agreement.id])
    theirs.title = "Their title"
    try Self.byAnotherUser(
      world.world, "wangf", changes: .putCooperationAgreement(theirs), touching: RecordRef(agreement.id))
    // Saving asks about wangf's title only: her own scope is not put down to him.
    world.press(.ctrl("s"))
    let clash = try #require(world.runtime.state.sectors.session?.clash)
    #expect(clash.by == ["wangf"])
    let fields = clash.records.flatMap(\.fields)
    #expect(fields.count == 1, "\(fields)")
    #expect(fields.first?.theirs == "Their title")
  }
}
