import Domain
import Foundation
import Store

// Crash drill for the store: `StoreStressWriter <folder> [snapshot-threshold-bytes]` opens the
// committee store in <folder> and applies changes until killed, writing each acknowledged sequence
// number on its own line to stdout the moment `apply` returns. The store tests kill it with SIGKILL at
// random moments and check that every number it printed is in the store after reopening.
//
// Each change is a member named after its sequence number ("stress-<seq>"); every tenth change is a
// group of three members ("stress-<seq>-a/b/c") that must be replayed whole or not at all.

let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
  FileHandle.standardError.write(Data("usage: StoreStressWriter <folder> [snapshot-threshold-bytes]\n".utf8))
  exit(2)
}
let folder = arguments[1]
let threshold = arguments.count >= 3 ? Int(arguments[2]) ?? (64 << 10) : (64 << 10)
let notes = String(repeating: "九龙坡区石坪桥街道委员工作站收集到居民关于小花市集占道经营和噪音扰民的意见，", count: 3)

func acknowledge(_ sequence: UInt64) {
  let line = Array("\(sequence)\n".utf8)
  line.withUnsafeBytes { raw in
    var done = 0
    while done < raw.count {
      let written = write(1, raw.baseAddress.map { $0 + done }, raw.count - done)
      if written <= 0 { exit(3) }
      done += written
    }
  }
}

do {
  let store = try CommitteeStore.open(
    folder: folder, options: StoreOptions(snapshotThresholdBytes: threshold), now: Date())
  let actor = ActingUser.staff("stress", .admin)
  if store.state.staffAccounts.isEmpty {
    let account = StaffAccount(id: store.state.newID(), userName: "stress", displayName: "压力测试", role: .admin)
    acknowledge(try store.apply(.putStaffAccount(account), actor: actor, now: Date()))
  }
  while true {
    let sequence = store.lastSequence + 1
    let change: Change
    if sequence % 10 == 0 {
      change = .group(
        ["a", "b", "c"].enumerated().map { index, suffix in
          .putMember(
            Member(
              id: store.state.newID(offset: UInt64(index)), name: "stress-\(sequence)-\(suffix)", notes: notes
            ))
        })
    } else {
      change = .putMember(Member(id: store.state.newID(), name: "stress-\(sequence)", notes: notes))
    }
    acknowledge(try store.apply(change, actor: actor, now: Date()))
    try store.syncIfDue(now: Date())
    for result in store.takeSnapshotResults() {
      if case .failure(let error) = result {
        FileHandle.standardError.write(Data((error.message(in: .en) + "\n").utf8))
      }
    }
  }
} catch {
  FileHandle.standardError.write(Data((error.message(in: .en) + "\n").utf8))
  exit(1)
}
