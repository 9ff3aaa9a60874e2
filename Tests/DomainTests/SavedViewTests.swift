import Foundation
import Testing

@testable import Domain

/// A user's saved views: each belongs to its owner, takes a free number key on its screen, and is
/// saved, renamed and deleted by changes that undo and survive the codec.
@Suite struct SavedViewTests {
  static func view(
    _ id: UInt64, owner: ActingUser = Story.clerk, place: String = "problems", slot: Int = 1,
    name: String = "逾期"
  ) -> SavedView {
    SavedView(
      id: SavedViewID(raw: id), owner: owner.userName, place: place, slot: slot, name: name,
      settings: [ViewSetting("filter", "水利局")])
  }

  @Test func aClerkSavesRenamesAndDeletesTheirOwnView() throws {
    var story = Story()
    let id: SavedViewID = story.newID()
    try story.run(.saveView(Self.view(id.raw)), as: Story.clerk)
    #expect(story.state.savedView(owner: "li.clerk", place: "problems", slot: 1)?.name == "逾期")

    var renamed = Self.view(id.raw)
    renamed.name = "水利局逾期"
    #expect(
      Change.saveView(renamed).summary(in: .en, before: story.state) == "Renamed view 逾期 to 水利局逾期")
    try story.run(.saveView(renamed), as: Story.clerk)
    #expect(story.state.savedViews.count == 1)
    #expect(story.state.savedViews[id]?.name == "水利局逾期")

    try story.run(.deleteView(id), as: Story.clerk)
    #expect(story.state.savedViews.isEmpty)
  }

  @Test func nobodyChangesAnotherUsersView() throws {
    var story = Story()
    let id: SavedViewID = story.newID()
    try story.run(.saveView(Self.view(id.raw)), as: Story.clerk)
    // Not even an admin: a view is its owner's own.
    var taken = Self.view(id.raw, owner: Story.admin)
    #expect(story.refuse(.saveView(taken), as: Story.admin) == .notYourView(name: "逾期"))
    taken.owner = "li.clerk"
    #expect(story.refuse(.saveView(taken), as: Story.admin) == .notYourView(name: "逾期"))
    #expect(story.refuse(.deleteView(id), as: Story.admin) == .notYourView(name: "逾期"))
    // A reader keeps no views: they cannot write at all.
    #expect(
      story.refuse(.saveView(Self.view(99, owner: Story.reader)), as: Story.reader)
        == .readOnly(userName: "visitor"))
    #expect(story.state.savedViews[id]?.owner == "li.clerk")
  }

  @Test func aNumberKeyHoldsOneViewPerUserAndScreen() throws {
    var story = Story()
    try story.run(.saveView(Self.view((story.newID() as SavedViewID).raw)), as: Story.clerk)
    let second = Self.view((story.newID() as SavedViewID).raw, name: "本月")
    #expect(story.refuse(.saveView(second), as: Story.clerk) == .viewSlotTaken(slot: 1, name: "逾期"))
    #expect(DomainError.viewSlotTaken(slot: 1, name: "逾期").field == .viewSlot)
    // The same key on another screen, or another user's key 1, is free.
    try story.run(.saveView(Self.view((story.newID() as SavedViewID).raw, place: "boards")), as: Story.clerk)
    try story.run(.saveView(Self.view((story.newID() as SavedViewID).raw, owner: Story.head)), as: Story.head)
    #expect(story.state.savedViews.count == 3)
    #expect(story.state.savedViews(owner: "li.clerk", place: "problems").map(\.name) == ["逾期"])
  }

  @Test func aViewNeedsANameAndAKeyFromOneToNine() {
    var story = Story()
    #expect(story.refuse(.saveView(Self.view(5, name: "  ")), as: Story.clerk) == .required(.name))
    #expect(
      story.refuse(.saveView(Self.view(5, slot: 10)), as: Story.clerk) == .outOfRange(.viewSlot, value: "10"))
    #expect(
      story.refuse(.saveView(Self.view(5, slot: 0)), as: Story.clerk) == .outOfRange(.viewSlot, value: "0"))
    let long = String(repeating: "长", count: 41)
    if case .outOfRange(.name, _) = story.refuse(.saveView(Self.view(5, name: long)), as: Story.clerk) {
    } else {
      Issue.record("a name of 41 characters was not refused as too long")
    }
    #expect(DomainError.notYourView(name: "逾期").message(in: .zh).contains("逾期"))
    #expect(DomainError.viewSlotTaken(slot: 3, name: "本月").message(in: .en).contains("Key 3"))
  }

  @Test func savingAndDeletingAViewUndo() throws {
    let story = Story()
    let id: SavedViewID = story.newID()
    let before = story.state
    let save = Change.saveView(Self.view(id.raw))
    let saved = try apply(save, to: before, actor: Story.clerk, now: story.clock.now())
    #expect(saved.touched == [RecordRef(id)])
    let undoSave = Change.revert(
      save, to: saved.touched.map { RecordVersion($0, before.value(of: $0)) }, by: Story.clerk,
      at: story.clock.now())
    let unsaved = try apply(undoSave, to: saved.state, actor: Story.clerk, now: story.clock.now())
    #expect(unsaved.state.savedViews.isEmpty)
    #expect(unsaved.state.savedViews == before.savedViews)

    let delete = Change.deleteView(id)
    let deleted = try apply(delete, to: saved.state, actor: Story.clerk, now: story.clock.now())
    #expect(deleted.state.savedViews.isEmpty)
    let undoDelete = Change.revert(
      delete, to: deleted.touched.map { RecordVersion($0, saved.state.value(of: $0)) }, by: Story.clerk,
      at: story.clock.now())
    let back = try apply(undoDelete, to: deleted.state, actor: Story.clerk, now: story.clock.now())
    #expect(back.state.savedViews[id] == Self.view(id.raw))
  }

  @Test func viewsAreWrittenInPayloadVersionFourAndAVersionThreeStateHasNone() throws {
    var story = Story()
    try story.run(.saveView(Self.view((story.newID() as SavedViewID).raw)), as: Story.clerk)
    var writer = BinaryWriter()
    story.state.encode(into: &writer)
    var reader = BinaryReader(writer.bytes)
    let decoded = try CommitteeState(from: &reader)
    #expect(reader.isAtEnd)
    #expect(decoded.savedViews == story.state.savedViews)
    #expect(DomainFormat.version == 4)
    // A version-3 state ends after the targets: an empty state's last byte is the views' count
    // (0), which version 3 did not write; without it, read as version 3, the bytes decode whole.
    var old = BinaryWriter()
    CommitteeState().encode(into: &old)
    var v3 = BinaryReader(Array(old.bytes.dropLast()), payloadVersion: 3)
    let empty = try CommitteeState(from: &v3)
    #expect(v3.isAtEnd)
    #expect(empty.savedViews.isEmpty)
  }
}
