import Foundation
import Localization

extension DurableStore {
  /// Makes a new store in `folder` whose first snapshot is `state` (brought from another kind of store).
  /// A folder that already holds a store is refused and left as it is.
  public static func create(
    folder: String, state: Model.State, fileSystem fs: any FileSystem = POSIXFileSystem(), now: Date = Date()
  ) throws(StoreError) {
    do throws(FileSystemError) {
      try fs.makeFolder(folder)
    } catch {
      throw .fileSystem(error)
    }
    let scan = StoreScanner<Model>.scan(folder: folder, fileSystem: fs)
    guard scan.isNew, scan.problem == nil else {
      throw .rejected(
        RejectedChange(
          zh: tr("store.create.notEmpty", .zh, folder), en: tr("store.create.notEmpty", .en, folder),
          underlying: PayloadError("store exists")))
    }
    do throws(FileSystemError) {
      _ = try SnapshotWriter<Model>.write(
        state: state, sequence: 0, storeID: UInt64.random(in: 1...UInt64.max), previousSequence: nil,
        folder: folder, backupsKept: StoreOptions().backupsKept, now: now, fileSystem: fs)
    } catch {
      throw .fileSystem(error)
    }
  }
}
