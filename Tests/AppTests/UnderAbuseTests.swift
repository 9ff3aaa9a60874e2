import Domain
import Localization
import Seed
import TerminalCore
import Testing

@testable import App

/// The demo committee on the consultations list, with no store.
private func consultationsList() throws -> (Runtime, VirtualBackend) {
  let today = Day(year: 2026, month: 11, day: 26)!
  let data = try Demo.state(today: today)
  let backend = VirtualBackend(size: Size(width: 100, height: 30))
  var state = AppState(
    language: .zh, size: backend.size, actor: .staff("demo", .admin), data: data, today: today)
  state.section = .consultations
  let runtime = Runtime(state: state, backend: backend)
  runtime.run(untilIdle: true)
  return (runtime, backend)
}

@Suite struct FilterUnderAbuse {
  @Test func aPastedMegabyteAndTwoThousandTypedCharactersStopAtTheFilterLimit() throws {
    let (runtime, backend) = try consultationsList()
    backend.enqueue([.key(.character("/")), .paste(String(repeating: "市", count: 1 << 20))])
    runtime.run(untilIdle: true)
    #expect(runtime.state.consultations.table.filter.count == 200)
    backend.enqueue([.key(.escape), .key(.character("/"))])
    runtime.run(untilIdle: true)
    // Typed without bracketed paste: one burst of keys.
    backend.enqueueBurst(Array(repeating: .key(.character("集")), count: 2000))
    runtime.run(untilIdle: true)
    #expect(runtime.state.consultations.table.filter.count == 200)
    // Esc still clears it and the list is back.
    backend.enqueue([.key(.escape)])
    runtime.run(untilIdle: true)
    #expect(runtime.state.consultations.table.filter.isEmpty)
  }

  @Test func aSignalDuringALongBurstQuitsAtOnceWithoutWaitingForTheRest() throws {
    let (runtime, backend) = try consultationsList()
    backend.enqueue([.key(.character("/"))])
    runtime.run(untilIdle: true)
    backend.enqueueBurst(Array(repeating: .key(.character("集")), count: 5000))
    backend.raise(.terminate, after: 10)
    runtime.run(untilIdle: true)
    #expect(runtime.state.quitting)
    // Quit after the eleventh key; the rest of the burst was not worked through.
    #expect(runtime.state.consultations.table.filter.count == 11)
  }
}

@Suite struct SuspendAndResume {
  @Test func ctrlZSuspendsAndTheScreenIsDrawnWholeAfterFg() throws {
    let (runtime, backend) = try consultationsList()
    let before = backend.screen
    let frames = backend.framesPresented
    backend.enqueue([.key(.ctrl("z"))])
    runtime.run(untilIdle: true)
    #expect(backend.suspensions == 1)
    #expect(!runtime.state.quitting)
    #expect(backend.framesPresented > frames)
    #expect(backend.screen == before)
  }
}
