import Foundation
import Testing

@testable import Domain

@Suite struct DayTests {
  @Test func aClerkTypesADateAndOnlyRealCalendarDaysAreAccepted() {
    #expect(Day("2026-11-26") == Day(year: 2026, month: 11, day: 26))
    #expect(Day("2028-02-29") != nil)
    for bad in [
      "2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10", "2026-4-01", "2026/04/01", "２０２６-01-01",
      "2026-01-01 ", "", "2026-01-1x",
    ] {
      #expect(Day(bad) == nil, "\(bad) should be refused")
    }
    #expect(Day("1900-02-29") == nil)
    #expect(Day("2000-02-29") != nil)
  }

  @Test func daysPrintAsTheyAreTypedAndCompareInCalendarOrder() {
    #expect(day("2026-01-05").description == "2026-01-05")
    #expect(day("2026-01-31") < day("2026-02-01"))
    #expect(day("2025-12-31") < day("2026-01-01"))
    #expect(!(day("2026-03-03") < day("2026-03-03")))
  }

  @Test func addingDaysCrossesMonthsYearsAndLeapDays() {
    #expect(day("2026-12-31").adding(days: 1) == day("2027-01-01"))
    #expect(day("2028-02-28").adding(days: 1) == day("2028-02-29"))
    #expect(day("2026-03-01").adding(days: -1) == day("2026-02-28"))
    #expect(day("1970-01-01").daysSinceEpoch == 0)
    #expect(day("2026-11-26").adding(days: 365).adding(days: -365) == day("2026-11-26"))
  }

  @Test func aMonthLaterIsTheSameDayClampedToTheMonthEnd() {
    #expect(day("2026-01-15").adding(months: 1) == day("2026-02-15"))
    #expect(day("2026-01-31").adding(months: 1) == day("2026-02-28"))
    #expect(day("2028-01-31").adding(months: 1) == day("2028-02-29"))
    #expect(day("2026-03-31").adding(months: 1) == day("2026-04-30"))
    #expect(day("2026-12-15").adding(months: 1) == day("2027-01-15"))
    #expect(day("2026-01-31").adding(months: -2) == day("2025-11-30"))
  }

  @Test func theDayOfAMomentDependsOnTheTimeZone() throws {
    // 2026-11-26 17:00 UTC is already the 27th in Chongqing (UTC+8).
    let moment = day("2026-11-26").noonUTC.addingTimeInterval(5 * 3600)
    let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
    let utc = try #require(TimeZone(identifier: "UTC"))
    #expect(Day(moment, utc) == day("2026-11-26"))
    #expect(Day(moment, shanghai) == day("2026-11-27"))
    #expect(day("2026-08-15").quarter == 3)
  }

  @Test func aTestClockStandsStillUntilMoved() {
    let clock = TestClock(day("2026-01-01"))
    let first = clock.now()
    #expect(clock.now() == first)
    clock.advance(days: 2)
    #expect(Day(clock.now(), TimeZone(identifier: "UTC") ?? .current) == day("2026-01-03"))
    let system: any WallClock = SystemClock()
    #expect(system.now().timeIntervalSince1970 > 1_700_000_000)
  }
}
