import Foundation

/// What a build on another thread reports between its slices: how far it is, and whether it should
/// go on. Passing it also waits while the app answers an event (`BackgroundGate`).
public protocol BuildProgress: AnyObject, Sendable {
  /// Notes `done` of `total` and waits at the gate; false when the build is no longer wanted.
  func step(done: Int, total: Int) -> Bool
  /// Waits at the gate, without a step, when an event is being answered: called every few hundred
  /// records inside work that has no slices of its own (a sort, a pass over a million records), so
  /// that a key never waits for the rest of it. False when the build is no longer wanted.
  func pauseIfHeld() -> Bool
}

extension BuildProgress {
  /// Sorts `values` by `areInIncreasingOrder`, pausing mid-sort while an event is answered
  /// (`pauseIfHeld` every `every` comparisons): a sort of a million rows takes hundreds of
  /// milliseconds. False when the build is no longer wanted (the values are then in any order).
  func sort<Element>(
    _ values: inout [Element], every: Int = 512, by areInIncreasingOrder: (Element, Element) -> Bool
  ) -> Bool {
    var compared = 0
    var wanted = true
    values.sort { left, right in
      compared &+= 1
      if compared % every == 0, wanted { wanted = pauseIfHeld() }
      return areInIncreasingOrder(left, right)
    }
    return wanted
  }
}

/// One value made on another thread (a list's rows, an index), a slice at a time between the
/// events the app answers: the app reads how far it is, takes the value when it is made, hurries
/// it when it must wait for it, or cancels it. Made by `make` when a `BackgroundQueue` runs it (or
/// at once on a thread of its own, `start`).
final class BackgroundBuild<Value>: BuildProgress, @unchecked Sendable {
  /// Guards everything below; the finished build wakes those waiting on it.
  private let condition = NSCondition()
  /// The gates passed between slices, in order (the app's; a list's keys also wait behind the
  /// problems' preparation).
  private let gates: [BackgroundGate]
  private var make: ((BackgroundBuild<Value>) -> Value?)?
  private var value: Value?
  /// The value was made and handed over (`take`).
  private var taken = false
  private var finished = false
  private var urgent = false
  /// A user waits for it (a list shown before its rows are in): the other builds step aside.
  private var wanted = false
  private var cancelled = false
  private var fractionDone = 0.0

  init(gate: BackgroundGate, make: @escaping (BackgroundBuild<Value>) -> Value?) {
    gates = [gate]
    self.make = make
  }

  init(gates: [BackgroundGate], make: @escaping (BackgroundBuild<Value>) -> Value?) {
    self.gates = gates
    self.make = make
  }

  /// Makes the value here (the queue's thread); a build already run or cancelled does nothing.
  func run() {
    let make: ((BackgroundBuild<Value>) -> Value?)? = condition.withLock {
      defer { self.make = nil }
      return cancelled ? nil : self.make
    }
    // Its first slice waits its turn at the gate too (a build that never reports its progress is
    // one slice), and its place is given back when it ends.
    let made = make.flatMap { make in step(done: 0, total: 1) ? make(self) : nil }
    for gate in gates { gate.leave() }
    condition.withLock {
      value = cancelled ? nil : made
      finished = true
      condition.broadcast()
    }
  }

  /// Runs the build on a thread of its own, named `name` (the move trace shows it).
  func start(name: String) {
    let thread = Thread { [self] in
      Thread.nameCurrent(name)
      run()
    }
    thread.qualityOfService = .utility
    thread.start()
  }

  func step(done: Int, total: Int) -> Bool {
    condition.withLock { fractionDone = Double(done) / Double(max(1, total)) }
    return passGates()
  }

  func pauseIfHeld() -> Bool {
    guard gates.contains(where: \.isHeld) else { return true }
    return passGates()
  }

  private func passGates() -> Bool {
    // The app's gate last: a build waiting behind another gate holds none of its places meanwhile.
    for gate in gates { gate.leave() }
    for gate in gates.reversed() {
      gate.pass(
        unless: { self.condition.withLock { self.urgent || self.cancelled } },
        wanted: { self.condition.withLock { self.wanted } })
    }
    return condition.withLock { !cancelled }
  }

  /// The value, once made (nil again once taken).
  var result: Value? { condition.withLock { value } }

  /// Hands the value over and lets go of it here, so that the taker holds the only copy and
  /// changes it in place (a shared copy of a million keys would be copied by the first change);
  /// nil while the build runs, when it stopped, or once taken.
  func take() -> Value? {
    condition.withLock {
      defer {
        if value != nil { taken = true }
        value = nil
      }
      return value
    }
  }

  /// Whether the build has ended (made, or stopped).
  var isFinished: Bool { condition.withLock { finished } }

  /// How far the build is (0...1).
  var fraction: Double { condition.withLock { finished && (value != nil || taken) ? 1 : fractionDone } }

  /// Whether the app waits for it (it no longer steps aside at the gate).
  var isUrgent: Bool { condition.withLock { urgent } }

  /// Stops the build at its next slice (its value is no longer wanted).
  func cancel() {
    condition.withLock { cancelled = true }
    for gate in gates { gate.wake() }
  }

  /// The build no longer pauses for events (the app waits for it); then waits for it. True when
  /// it was made in time.
  func hurry(seconds: Double) -> Bool {
    markUrgent()
    return wait(seconds: seconds)
  }

  /// A user waits for the build: it still pauses while an event is answered, and the other builds
  /// give it their turn.
  func markWanted() {
    condition.withLock { wanted = true }
    for gate in gates { gate.wake() }
  }

  /// The build no longer pauses for events.
  func markUrgent() {
    condition.withLock { urgent = true }
    for gate in gates { gate.wake() }
  }

  /// Waits for the build to end; true when its value was made in time.
  func wait(seconds: Double) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    return condition.withLock {
      while !finished {
        if !condition.wait(until: deadline) { break }
      }
      return value != nil || taken
    }
  }
}

/// Builds run one at a time, in order, on one thread of the queue's own: on two cores, five lists'
/// rows made at once would share one core five ways, and the list visited first would wait for
/// all of them. A build the app waits for is moved to the front (`prioritize`).
final class BackgroundQueue: @unchecked Sendable {
  /// A build waiting its turn.
  private struct Job {
    let id: ObjectIdentifier
    let run: () -> Void
    let markWanted: () -> Void
  }

  private let lock = NSLock()
  private var jobs: [Job] = []
  /// The build being made now.
  private var current: Job?
  private var working = false

  init() {}

  /// Adds a build at the end of the queue.
  func enqueue<Value>(_ build: BackgroundBuild<Value>) {
    let startWorker: Bool = lock.withLock {
      jobs.append(Job(id: ObjectIdentifier(build), run: { build.run() }, markWanted: { build.markWanted() }))
      if working { return false }
      working = true
      return true
    }
    guard startWorker else { return }
    let thread = Thread { [self] in
      Thread.nameCurrent("lists")
      work()
    }
    thread.qualityOfService = .utility
    thread.start()
  }

  /// Moves a build still waiting its turn to the front; a user waits for it (`markWanted`), and so
  /// for the build being made before it.
  func prioritize<Value>(_ build: BackgroundBuild<Value>) {
    build.markWanted()
    lock.withLock { current }?.markWanted()
    lock.withLock {
      guard let index = jobs.firstIndex(where: { $0.id == ObjectIdentifier(build) }), index > 0 else {
        return
      }
      jobs.insert(jobs.remove(at: index), at: 0)
    }
  }

  /// Makes a build now when the app must wait for it: one still waiting its turn is taken out of
  /// the queue and made on the caller's thread (the queue's thread may be paused at the gate the
  /// caller holds); one already being made is hurried. True when its value was made in time.
  func hurry<Value>(_ build: BackgroundBuild<Value>, seconds: Double) -> Bool {
    let queued: Bool = lock.withLock {
      guard let index = jobs.firstIndex(where: { $0.id == ObjectIdentifier(build) }) else { return false }
      jobs.remove(at: index)
      return true
    }
    guard queued else { return build.hurry(seconds: seconds) }
    build.markUrgent()
    build.run()
    return build.result != nil
  }

  private func work() {
    while true {
      let next: Job? = lock.withLock {
        if jobs.isEmpty {
          working = false
          current = nil
          return nil
        }
        current = jobs.removeFirst()
        return current
      }
      guard let next else { return }
      next.run()
    }
  }
}

extension BackgroundBuild: Equatable {
  /// One build is itself only: a screen waiting for it compares equal to a copy of itself.
  static func == (lhs: BackgroundBuild, rhs: BackgroundBuild) -> Bool { lhs === rhs }
}
