import Domain
import Foundation

extension DemoBuilder {
  /// Staff, committees, sectors, departments, regions, stations, rivers, members and teams.
  mutating func buildRegisters() {
    let first = day(0)
    for (user, name, role) in DemoStaff.accounts {
      add(
        .putStaffAccount(StaffAccount(id: newID(), userName: user, displayName: name, role: role)), on: first)
    }
    for name in Vocabulary.specialCommittees {
      let id: SpecialCommitteeID = newID()
      specialCommittees.append(id)
      committeeByName[name] = id
      add(.putSpecialCommittee(SpecialCommittee(id: id, name: name)), on: first)
    }
    for (name, contact) in Vocabulary.departments {
      let id: DepartmentID = newID()
      departments.append(id)
      departmentByName[name] = id
      add(.putDepartment(Department(id: id, name: name, contact: contact)), on: first)
    }
    for name in Vocabulary.partnerRegions {
      let id: PartnerRegionID = newID()
      regionByName[name] = id
      add(.putPartnerRegion(PartnerRegion(id: id, name: name)), on: first)
    }
    buildStations(on: first)
    buildJiulongpoPosts(on: first)
    for (name, segments) in Vocabulary.rivers {
      let id: RiverID = newID()
      rivers.append((id, name, segments))
      add(.putRiver(River(id: id, name: name, segments: segments)), on: first)
    }
    // Sectors first without conveners (members refer to sectors), then again once members exist.
    var sectorRecords: [Sector] = []
    for (index, entry) in Vocabulary.sectors.enumerated() {
      let id: SectorID = newID()
      sectors.append(id)
      sectorByName[entry.name] = id
      var haves = Set(SixHaves.allCases)
      if index % 5 == 3 { haves.remove(random.pick(SixHaves.allCases)) }
      if index % 7 == 6 { haves.remove(.archives) }
      let sector = Sector(
        id: id, name: entry.name, leadUnit: entry.leadUnit,
        specialCommittee: specialCommittees[index % specialCommittees.count], haves: haves)
      sectorRecords.append(sector)
      add(.putSector(sector), on: first)
    }
    buildMembers(on: first)
    for var sector in sectorRecords {
      let own = members.filter { $0.sector == sector.id }
      sector.conveners = Array(own.prefix(3)).map(\.id)
      // The first convener heads the lead unit; the liaison is one of its staff, not a member.
      if var head = own.first {
        head.notes = sector.leadUnit + "主要负责人"
        members[members.firstIndex { $0.id == head.id } ?? 0] = head
        add(.putMember(head), on: first)
      }
      sector.liaisonName = personName(avoiding: Set(members.map(\.name)))
      sector.liaisonPhone = phone()
      add(.putSector(sector), on: first)
    }
    for theme in Vocabulary.supervisionTeams {
      let id: SupervisionTeamID = newID()
      teams.append(id)
      add(
        .putSupervisionTeam(SupervisionTeam(id: id, theme: theme, members: someMembers(5, 9))), on: first)
    }
  }

  mutating func buildStations(on first: Day) {
    for district in Vocabulary.districts {
      let id: StationID = newID()
      districtHalls[district] = id
      let hall = Station(id: id, name: district + "委员工作厅", level: .districtHall, site: .other)
      add(.putStation(hall), on: first)
    }
    guard let yuzhong = districtHalls["渝中区"] else { return }
    for (street, communities) in Vocabulary.yuzhongStreets {
      let streetID: StationID = newID()
      streetStations[street] = streetID
      add(
        .putStation(
          Station(
            id: streetID, name: street + "委员工作站", level: .streetStation, parent: yuzhong,
            head: personName(avoiding: [])
          )), on: first)
      for community in communities {
        let roomID: StationID = newID()
        communityRooms[community] = roomID
        yuzhongCommunities.append((streetID, roomID))
        add(
          .putStation(
            Station(id: roomID, name: community + "委员工作室", level: .communityRoom, parent: streetID)),
          on: first)
      }
    }
    let sites: [SiteKind] = [.community, .businessDistrict, .industrialPark, .enterprise]
    for entry in Vocabulary.otherStations {
      guard let hall = districtHalls[entry.district] else { continue }
      let streetID: StationID = newID()
      streetStations[entry.street] = streetID
      let head = entry.head.isEmpty ? personName(avoiding: []) : entry.head
      add(
        .putStation(
          Station(id: streetID, name: entry.street + "委员工作站", level: .streetStation, parent: hall, head: head)
        ),
        on: first)
      for room in entry.rooms {
        let roomID: StationID = newID()
        communityRooms[room] = roomID
        add(
          .putStation(
            Station(
              id: roomID, name: room, level: .communityRoom, parent: streetID, site: random.pick(sites))),
          on: first)
      }
    }
  }

  /// 九龙坡区 has 81 work posts (street stations and rooms) in communities, business districts,
  /// industrial parks and members' enterprises.
  mutating func buildJiulongpoPosts(on first: Day) {
    let streets = Vocabulary.otherStations.filter { $0.district == "九龙坡区" }.compactMap {
      streetStations[$0.street]
    }
    let existing = Vocabulary.otherStations.filter { $0.district == "九龙坡区" }.reduce(0) {
      $0 + 1 + $1.rooms.count
    }
    var names: [(String, SiteKind)] = []
    for place in Vocabulary.jiulongpoPlaces {
      for kind in Vocabulary.postKinds {
        names.append((place + kind.suffix + "委员工作室", SiteKind(rawValue: UInt8(kind.site)) ?? .community))
      }
    }
    guard !streets.isEmpty else { return }
    for (index, (name, site)) in names.prefix(max(0, 81 - existing)).enumerated() {
      let id: StationID = newID()
      communityRooms[name] = id
      add(
        .putStation(
          Station(
            id: id, name: name, level: .communityRoom, parent: streets[index % streets.count], site: site)),
        on: first)
    }
  }

  /// 240 members: the first 160 cover 渝中区's 11 streets and 79 communities, the rest the other
  /// districts; the article's named members come first.
  mutating func buildMembers(on first: Day) {
    let named: [(String, String, String)] = [
      ("何晓敏", "社会福利和社会保障界别", "石坪桥街道"), ("张建中", "经济界别", "永安街道"),
      ("李靖", "无党派人士界别", "永安街道"), ("杨利", "农业界别", "白帝镇"),
    ]
    var used = Set<String>()
    let notes = ["", "", "", "企业负责人", "社区医生", "中学教师", "律师", "个体工商户", "高校教授", "退休干部"]
    let otherStreets = Vocabulary.otherStations.map(\.street)
    for index in 0..<240 {
      var name: String
      var sector = sectors[index % sectors.count]
      var stations: [StationID] = []
      if index < named.count {
        name = named[index].0
        sector = sectorByName[named[index].1] ?? sector
        if let station = streetStations[named[index].2] { stations = [station] }
      } else {
        name = personName(avoiding: used)
        if index < 160 {
          let place = yuzhongCommunities[(index - named.count) % yuzhongCommunities.count]
          stations = [place.street, place.community]
        } else if let station = streetStations[random.pick(otherStreets)] {
          stations = [station]
        }
      }
      used.insert(name)
      let member = Member(
        id: newID(), name: name, sector: sector,
        specialCommittee: random.chance(0.75) ? random.pick(specialCommittees) : nil, stations: stations,
        phone: phone(), notes: random.pick(notes))
      members.append(member)
      memberByName[name] = member.id
      add(.putMember(member), on: first)
    }
  }
}
