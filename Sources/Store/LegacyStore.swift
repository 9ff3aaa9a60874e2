import Foundation

/// Format 0, the layout before this one: `data.snapshot` and a single `data.journal`, no store id,
/// times in whole seconds, record checksums over the body only. Read for migration, never written.
///
/// - `data.snapshot`: magic `SHLGSNAP`, u32 format 0, u64 sequence, u64 payload length, payload,
///   u32 CRC-32C of the payload.
/// - `data.journal`: magic `SHLGJRNL`, u32 format 0, then records: u32 body length, body (u64 sequence,
///   i64 seconds, u16 actor length, actor, payload), u32 CRC-32C of the body.
struct LegacyStore {
  static let snapshotName = "data.snapshot"
  static let journalName = "data.journal"
  /// Payloads of format 0 stores are payload version 1.
  static let payloadVersion: UInt32 = 1

  var files: [String]

  static func find(in names: [String]) -> LegacyStore? {
    let files = [snapshotName, journalName].filter { names.contains($0) }
    return files.isEmpty ? nil : LegacyStore(files: files)
  }

  static func load<Model: StoreModel>(
    into scan: inout FolderScan<Model>, folder: String, fileSystem fs: any FileSystem
  ) {
    guard fs.exists(folder + "/" + snapshotName) else {
      scan.problem = .missingSnapshot(file: snapshotName)
      return
    }
    do throws(FileSystemError) {
      let snapshot = try fs.readWholeFile(folder + "/" + snapshotName)
      if let problem = loadSnapshot(snapshot, into: &scan) {
        scan.problem = problem
        return
      }
      if fs.exists(folder + "/" + journalName) {
        let journal = try fs.readWholeFile(folder + "/" + journalName)
        if let problem = replay(journal, into: &scan) { scan.problem = problem }
      }
    } catch {
      scan.problem = .fileSystem(error)
    }
  }

  private static func loadSnapshot<Model: StoreModel>(_ bytes: [UInt8], into scan: inout FolderScan<Model>)
    -> StoreError?
  {
    bytes.withUnsafeBytes { raw -> StoreError? in
      var source = ByteSource(raw)
      guard let magic = source.raw(8), Array(magic) == StoreFiles.snapshotMagic, let format = source.u32()
      else {
        return .notAStoreFile(file: snapshotName)
      }
      guard format == 0 else { return .newerFormat(file: snapshotName, found: format, supported: 0) }
      guard let sequence = source.u64(), let length = source.u64().map(Int.init), length >= 0,
        source.remaining == length + 4, let payload = source.raw(length), let stored = source.u32()
      else { return .corruptSnapshot(file: snapshotName, offset: 20, reason: "length") }
      guard CRC32C.checksum(payload) == stored else {
        return .corruptSnapshot(file: snapshotName, offset: 28, reason: "checksum")
      }
      do throws(PayloadError) {
        scan.state = try Model.decodeState(bytes, range: 28..<(28 + length), version: payloadVersion)
      } catch {
        return .corruptSnapshot(file: snapshotName, offset: 28, reason: error.reason)
      }
      scan.snapshotSequence = sequence
      scan.lastSequence = sequence
      return nil
    }
  }

  /// Replays every good record; a torn tail is left in the old file (which is kept, not cut).
  private static func replay<Model: StoreModel>(_ bytes: [UInt8], into scan: inout FolderScan<Model>)
    -> StoreError?
  {
    bytes.withUnsafeBytes { raw -> StoreError? in
      var source = ByteSource(raw)
      guard let magic = source.raw(8), Array(magic) == StoreFiles.journalMagic, let format = source.u32()
      else {
        return .notAStoreFile(file: journalName)
      }
      guard format == 0 else { return .newerFormat(file: journalName, found: format, supported: 0) }
      var state = scan.state
      while source.remaining > 0 {
        let offset = source.offset
        guard let length = source.u32().map(Int.init), length >= 18, let body = source.raw(length),
          let stored = source.u32(), CRC32C.checksum(body) == stored
        else { break }
        var fields = ByteSource(body)
        guard let sequence = fields.u64(), let seconds = fields.i64(),
          let actorLength = fields.u16().map(Int.init), fields.remaining >= actorLength
        else { return .corruptRecord(file: journalName, offset: offset) }
        let actorRange = (offset + 22)..<(offset + 22 + actorLength)
        let payloadRange = actorRange.upperBound..<(offset + 4 + length)
        if sequence <= scan.lastSequence { continue }
        guard sequence == scan.lastSequence + 1 else {
          return .sequenceGap(
            file: journalName, offset: offset, expected: scan.lastSequence + 1, found: sequence)
        }
        do throws(PayloadError) {
          let actor = try Model.decodeActor(bytes, range: actorRange, version: payloadVersion)
          let change = try Model.decodeChange(bytes, range: payloadRange, version: payloadVersion)
          do throws(Model.Failure) {
            state = try Model.apply(
              change, to: state, actor: actor, now: Date(timeIntervalSince1970: Double(seconds))
            ).state
          } catch {
            return .replayFailed(
              file: journalName, offset: offset, reason: Model.message(for: error, in: .en))
          }
        } catch {
          return .replayFailed(file: journalName, offset: offset, reason: error.reason)
        }
        scan.lastSequence = sequence
      }
      scan.state = state
      return nil
    }
  }
}
