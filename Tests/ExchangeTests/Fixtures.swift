import Domain
import Foundation

/// A small committee for exchange tests: registers, and members whose text needs quoting.
enum Sample {
  static let admin = ActingUser.staff("tester", .admin)
  static let now = Date(timeIntervalSince1970: 1_780_000_000)
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Fixtures")

  static func fixture(_ name: String) throws -> Data {
    try Data(contentsOf: fixtures.appendingPathComponent(name))
  }

  static func applying(_ changes: [Change], to state: CommitteeState = CommitteeState()) throws
    -> CommitteeState
  {
    var state = state
    for change in changes { state = try apply(change, to: state, actor: admin, now: now).state }
    return state
  }

  /// Sectors 1–2, committee 3, stations 4–6, an archived sector 7.
  static func registers() throws -> CommitteeState {
    try applying([
      .putSector(Sector(id: SectorID(raw: 1), name: "医药卫生界别")),
      .putSector(Sector(id: SectorID(raw: 2), name: "九三学社界别")),
      .putSpecialCommittee(SpecialCommittee(id: SpecialCommitteeID(raw: 3), name: "教科卫体委员会")),
      .putStation(Station(id: StationID(raw: 4), name: "渝中区委员工作厅", level: .districtHall)),
      .putStation(
        Station(id: StationID(raw: 5), name: "大坪街道委员工作站", level: .streetStation, parent: StationID(raw: 4))),
      .putStation(
        Station(id: StationID(raw: 6), name: "袁家岗社区委员工作室", level: .communityRoom, parent: StationID(raw: 5))),
      .putSector(Sector(id: SectorID(raw: 7), name: "已撤销界别")),
      .archive(RecordRef(.sector, 7)),
    ])
  }

  static let members: [Member] = [
    Member(
      id: MemberID(raw: 10), name: "张三", sector: SectorID(raw: 1),
      specialCommittee: SpecialCommitteeID(raw: 3),
      stations: [StationID(raw: 5), StationID(raw: 6)], phone: "13800000001", notes: "主任医师, 擅长\"全科\"诊疗"),
    Member(id: MemberID(raw: 11), name: "李四", sector: SectorID(raw: 2), notes: "第一行\n第二行"),
    Member(id: MemberID(raw: 12), name: "王五", archived: true),
  ]

  static func withMembers() throws -> CommitteeState {
    try applying(members.map(Change.putMember), to: registers())
  }
}
