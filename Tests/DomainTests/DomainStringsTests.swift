import Foundation
import Localization
import Testing

@testable import Domain

@Suite struct DomainStringsTests {
  /// Every `domain.…` key the Domain sources name, read from the sources themselves.
  func keysNamedInSources() throws -> Set<String> {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../Sources/Domain").standardized
    var keys: Set<String> = []
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
      $0.hasSuffix(".swift")
    }
    for file in files {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      var rest = Substring(text)
      while let start = rest.range(of: "\"domain.") {
        let after = rest[start.upperBound...]
        guard let end = after.firstIndex(where: { !($0.isLetter || $0.isNumber || $0 == ".") }) else { break }
        let key = "domain." + after[..<end]
        // Prefixes such as "domain.kind.\(…)" end in a dot; their names are checked by the next test.
        if !key.hasSuffix(".") { keys.insert(String(key)) }
        rest = after[end...]
      }
    }
    return keys
  }

  @Test func everyErrorAndSummaryKeyHasChineseAndEnglish() throws {
    let keys = try keysNamedInSources()
    #expect(keys.filter { $0.hasPrefix("domain.error.") }.count == 55)
    for key in keys {
      #expect(Strings.shared.contains(key), "\(key) is missing from the strings tables")
      let entry = Strings.shared.entries[key]
      #expect(entry?.zh.isEmpty == false && entry?.en.isEmpty == false, "\(key)")
    }
  }

  @Test func everyNameOfAnEnumValueIsInTheTable() {
    var keys: [String] =
      RecordKind.allCases.map(\.nameKey) + Field.allCases.map(\.nameKey) + Role.allCases.map(\.nameKey)
    keys += StationLevel.allCases.map(\.nameKey) + SiteKind.allCases.map(\.nameKey)
    keys += ConsultationStep.allCases.map(\.nameKey) + ConsultationKind.allCases.map(\.nameKey)
    keys += SupervisionStage.allCases.map(\.nameKey) + Rating.allCases.map(\.nameKey)
    keys += SupervisionVerdict.allCases.map(\.nameKey) + ProblemStatus.allCases.map(\.nameKey)
    keys +=
      PatrolStep.allCases.map(\.nameKey) + WaterQuality.allCases.map(\.nameKey)
      + VisitKind.allCases.map(\.nameKey)
    keys += OpinionReportStatus.allCases.map(\.nameKey) + SectorActivityKind.allCases.map(\.nameKey)
    keys += SixHaves.allCases.map(\.nameKey) + SectorReportStatus.allCases.map(\.nameKey)
    keys += CooperationResultKind.allCases.map(\.nameKey) + ConsultationLevel.allCases.map(\.nameKey)
    keys += [
      SectorDuty.collectiveStudy, .inspectionOrFellowship, .collectiveProposal, .outreachTalk(ID(raw: 1)),
    ]
    .map(\.nameKey)
    keys +=
      ReviewOutcome.allCases.map(\.nameKey) + RectificationStatus.allCases.map(\.nameKey)
      + SupervisionMeasure.allCases.map(\.nameKey)
    for key in keys { #expect(Strings.shared.contains(key), "\(key) is missing from the strings tables") }
    #expect(ConsultationFormat.courtyardMeeting.name(in: .zh) == "院坝会")
    #expect(ConsultationFormat.other("田坎会").name(in: .en) == "田坎会")
  }

  @Test func errorMessagesFillEveryPlaceholderInBothLanguages() {
    let ref = RecordRef(.department, 7)
    let errors: [DomainError] = [
      .readOnly(userName: "u"), .notPermitted(role: .clerk, required: .head), .required(.minutes),
      .notFound(ref),
      .alreadyExists(ref), .missingReference(ref), .archivedReference(ref, name: "n"),
      .notArchivable(.problem),
      .alreadyArchived(ref, name: "n"), .notArchived(ref, name: "n"), .stationParentInvalid(.streetStation),
      .districtHallHasParent, .duplicateUserName("u"), .lastAdmin,
      .stepOutOfOrder(expected: .research, got: .meeting),
      .workflowFinished, .wrongStepRecord(.meeting), .minutesRequired, .meetingNotHeld, .nothingToStepBack,
      .kindFixedAfterStart, .dateBeforeMeeting(day("2026-01-01")), .supervisionStageOrder(current: .proposed),
      .notInPlan, .invalidYear(1), .consultationNotHeld, .followUpBeforeConsultation(day("2026-01-01")),
      .followUpDeadlinePassed(due: day("2026-02-28")), .followUpInspectionRequired, .alreadyClosed,
      .illegalTransition(from: .raised, to: .closed), .unknownSegment("s"), .restoreMismatch(ref),
      .inGroup(index: 0, error: .lastAdmin), .onlyProposalsAdopted, .reportTrackFixed,
      .reportTrackOrder(from: .sent, to: .adopted), .activityOfAnotherSector,
      .dateBefore(.date, day("2026-01-01")), .dateBeforePreviousStage(day("2026-03-01")),
      .redoDueTooEarly(day("2026-04-01")),
    ]
    #expect(Set(errors.map(\.key)).count == 41, "one sample of every case")
    for error in errors {
      for language in Language.allCases {
        let message = error.message(in: language)
        #expect(!message.contains("{") && !message.contains("⟨"), "\(error.key) in \(language): \(message)")
      }
    }
    #expect(
      DomainError.followUpDeadlinePassed(due: day("2026-02-28")).message(in: .zh).contains("2026-02-28"))
    #expect(
      DomainError.notPermitted(role: .clerk, required: .secretary).message(in: .en).contains("\"secretary\""))
  }
}
