import Foundation

/// One setting of a saved view: a name the screen chose ("filter", "sort", "period") and its value.
public struct ViewSetting: Equatable, Hashable, Sendable, BinaryCodable {
  public var key: String
  public var value: String

  public init(_ key: String, _ value: String) {
    self.key = key
    self.value = value
  }

  public func encode(into w: inout BinaryWriter) {
    w.write(key)
    w.write(value)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    key = try r.readString()
    value = try r.readString()
  }
}

/// A user's saved view of one list or board (issue 12): the filter, sort, period and toggles of a
/// screen under a name and a number key, recalled with that key. Each belongs to one account and
/// only that account may change it; the Domain keeps the settings as text and does not read them
/// (the screen that wrote them does), so a new setting needs no new format.
public struct SavedView: Record {
  /// Number keys a view may take: 1 to 9 on each screen.
  public static let slots = 1...9
  /// The longest name kept, in characters.
  public static let maximumNameLength = 40

  public var id: SavedViewID
  /// The user name of the account that saved it.
  public var owner: String
  /// Which screen it belongs to (a section's stable name, e.g. "problems", "boards").
  public var place: String
  public var slot: Int
  public var name: String
  public var settings: [ViewSetting]

  public init(id: SavedViewID, owner: String, place: String, slot: Int, name: String, settings: [ViewSetting])
  {
    self.id = id
    self.owner = owner
    self.place = place
    self.slot = slot
    self.name = name
    self.settings = settings
  }

  /// The value of one setting, if the view has it.
  public func setting(_ key: String) -> String? { settings.first { $0.key == key }?.value }

  public static let kind = RecordKind.savedView
  public var displayName: String { name }

  public func encode(into w: inout BinaryWriter) {
    w.write(id)
    w.write(owner)
    w.write(place)
    w.write(slot)
    w.write(name)
    w.write(settings)
  }

  public init(from r: inout BinaryReader) throws(BinaryError) {
    id = try r.read()
    owner = try r.readString()
    place = try r.readString()
    slot = try r.readInt()
    name = try r.readString()
    settings = try r.readArray()
  }
}

extension CommitteeState {
  /// The views one user saved on one screen, by number key.
  public func savedViews(owner: String, place: String) -> [SavedView] {
    savedViews.values.filter { $0.owner == owner && $0.place == place }.sorted {
      ($0.slot, $0.id) < ($1.slot, $1.id)
    }
  }

  /// The view a user keeps under a number key on a screen, if any.
  public func savedView(owner: String, place: String, slot: Int) -> SavedView? {
    savedViews.values.first { $0.owner == owner && $0.place == place && $0.slot == slot }
  }
}
