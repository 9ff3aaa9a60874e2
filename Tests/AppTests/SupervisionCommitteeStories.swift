import Domain
import Localization
import TerminalCore
import Testing

@testable import App

/// A topic proposed without a special committee still goes on to be discussed (议): the
/// discussion names the committee, which nothing else can set once the topic is proposed.
@Suite struct SupervisionCommitteeStories {
  @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
  func aTopicProposedWithoutACommitteeIsDiscussedOnceTheDiscussionNamesIt(size: Size) throws {
    let world = try DemoWorld(language: .en, size: size)
    let data = world.runtime.state.data
    let proposer = try #require(data.members.values.first { !$0.archived })
    let committee = try #require(data.specialCommittees.values.first { !$0.archived })
    let id: SupervisionItemID = data.newID()
    world.world.apply(
      .proposeSupervisionItem(
        id, SupervisionProposal(title: "Parking near schools", proposers: [proposer.id])))
    world.press(.character("3"), .character("/"))
    world.type("Parking near schools")
    world.press(.enter, .character("a"))
    let form = try #require(world.runtime.state.supervision.form)
    #expect(form.state.fields.map(\.id).contains("committee"), "\(form.state.fields.map(\.id))")
    // Saved without the committee: refused on the committee field, nothing is discussed.
    world.press(.tab, .tab, .tab, .tab, .tab, .tab)
    world.type("Talked it over with the bureau.")
    world.press(.ctrl("s"))
    #expect(world.runtime.state.data.supervisionItems[id]?.stage == .proposed)
    #expect(world.runtime.state.supervision.form?.state.focusedField?.id == "committee")
    // She names the committee and saves: the topic is discussed, by that committee.
    world.type(String(committee.name.prefix(2)))
    world.press(.enter, .ctrl("s"))
    let item = try #require(world.runtime.state.data.supervisionItems[id])
    #expect(item.stage == .discussed, "\(world.backend.screen.text)")
    #expect(item.specialCommittee == committee.id)
    #expect(world.runtime.state.supervision.form == nil)
    // One undo takes the discussion and the committee back together.
    world.press(.character("u"))
    #expect(world.runtime.state.data.supervisionItems[id]?.stage == .proposed)
    #expect(world.runtime.state.data.supervisionItems[id]?.specialCommittee == nil)
  }

  @Test func aRefusalOnAFieldIsAlsoSaidWholeOnTheMessageLine() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 80, height: 24))
    let data = world.runtime.state.data
    let proposer = try #require(data.members.values.first { !$0.archived })
    let committee = try #require(data.specialCommittees.values.first { !$0.archived })
    let id: SupervisionItemID = data.newID()
    world.world.apply(
      .proposeSupervisionItem(
        id,
        SupervisionProposal(
          title: "Lighting of the river steps", proposers: [proposer.id], specialCommittee: committee.id)))
    world.press(.character("3"), .character("/"))
    world.type("Lighting of the river steps")
    world.press(.enter)
    // Dated before the topic was proposed: the Domain refuses the date.
    world.press(.character("a"), .ctrl("u"))
    world.type("2000-01-01")
    world.press(.tab, .tab, .tab, .tab, .tab)
    world.type("Talked it over.")
    world.press(.ctrl("s"))
    #expect(world.runtime.state.data.supervisionItems[id]?.stage == .proposed)
    let form = try #require(world.runtime.state.supervision.form)
    let error = try #require(form.state.fields.first { $0.id == "date" }?.error)
    #expect(world.runtime.state.message?.text == error)
  }
}

/// `e` on a topic: its proposal corrected or completed until it is evaluated.
@Suite struct SupervisionTopicEditStories {
  @Test(arguments: [Language.zh, .en])
  func aClerkCorrectsATopicsTitleAndAddsATeamAfterItWasProposed(language: Language) throws {
    let world = try DemoWorld(language: language, size: Size(width: 80, height: 24))
    let data = world.runtime.state.data
    let proposer = try #require(data.members.values.first { !$0.archived })
    let team = try #require(data.supervisionTeams.values.first { !$0.archived })
    let id: SupervisionItemID = data.newID()
    world.world.apply(
      .proposeSupervisionItem(
        id, SupervisionProposal(title: "Parking near shcools", proposers: [proposer.id])))
    world.press(.character("3"), .character("/"))
    world.type("Parking near shcools")
    world.press(.enter, .character("e"))
    let form = try #require(world.runtime.state.supervision.form)
    #expect(form.state.values["title"] == .text("Parking near shcools"))
    // The title's typo fixed; the lead team picked four fields down.
    world.press(.ctrl("u"))
    world.type("Parking near schools")
    world.press(.tab, .tab, .tab, .tab)
    world.type(String(team.theme.prefix(2)))
    world.press(.enter, .ctrl("s"))
    let item = try #require(world.runtime.state.data.supervisionItems[id])
    #expect(item.title == "Parking near schools", "\(world.backend.screen.text)")
    #expect(item.teams == [team.id])
    #expect(item.proposers == [proposer.id])
    #expect(item.stage == .proposed)
    #expect(world.runtime.state.supervision.form == nil)
  }

  @Test func anEvaluatedTopicIsNotEditedAndSaysWhy() throws {
    let world = try DemoWorld(language: .en, size: Size(width: 120, height: 40))
    let closed = try #require(world.runtime.state.data.supervisionItems.values.first { $0.isClosed })
    world.press(.character("3"), .character("/"))
    world.type(closed.title)
    world.press(.enter, .character("e"))
    #expect(world.runtime.state.supervision.form == nil)
    #expect(world.runtime.state.message?.text == DomainError.alreadyClosed.message(in: .en))
  }
}
