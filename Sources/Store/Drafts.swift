import Foundation

/// Drafts live one per file in `drafts/`, each written whole (temp file, data flush, rename), so a
/// draft is either the previous text or the new one, never a mix; a checksum catches anything else.
///
/// Layout: magic `SHLGDRFT`, u32 format, i64 saved-at microseconds, u32 key length, key (UTF-8),
/// u32 text length, text (UTF-8), u32 CRC-32C of everything before it.
enum DraftFiles {
  static let suffix = ".draft"

  /// File name for a key: its UTF-8 bytes in hex, so any key is a safe name.
  static func fileName(_ key: String) -> String {
    key.utf8.map { byte in
      let digits = String(byte, radix: 16)
      return digits.count == 1 ? "0" + digits : digits
    }.joined() + suffix
  }

  static func encode(key: String, text: String, savedAt: Date) -> [UInt8] {
    var sink = ByteSink(capacity: 32 + key.utf8.count + text.utf8.count)
    sink.put(raw: StoreFiles.draftMagic)
    sink.put(StoreFiles.format)
    sink.put(Stamp.micros(savedAt))
    sink.put(UInt32(key.utf8.count))
    sink.put(raw: key.utf8)
    sink.put(UInt32(text.utf8.count))
    sink.put(raw: text.utf8)
    sink.put(CRC32C.checksum(sink.bytes))
    return sink.bytes
  }

  static func decode(_ bytes: [UInt8]) -> Draft? {
    bytes.withUnsafeBytes { raw -> Draft? in
      guard raw.count >= 4 else { return nil }
      let stored = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: raw.count - 4, as: UInt32.self))
      guard CRC32C.checksum(UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count - 4)])) == stored else {
        return nil
      }
      var source = ByteSource(UnsafeRawBufferPointer(rebasing: raw[0..<(raw.count - 4)]))
      guard let magic = source.raw(8), Array(magic) == StoreFiles.draftMagic, let format = source.u32(),
        format == StoreFiles.format, let micros = source.i64(), let keyLength = source.u32(),
        let key = source.raw(Int(keyLength)), let textLength = source.u32(),
        let text = source.raw(Int(textLength))
      else { return nil }
      return Draft(
        key: String(decoding: key, as: UTF8.self), text: String(decoding: text, as: UTF8.self),
        savedAt: Stamp.date(micros))
    }
  }

  static func readAll(folder: String, fileSystem fs: any FileSystem) -> (drafts: [Draft], damaged: [String]) {
    let path = folder + "/" + StoreFiles.drafts
    guard let names = try? fs.list(path) else { return ([], []) }
    var drafts: [Draft] = []
    var damaged: [String] = []
    for name in names.sorted() where name.hasSuffix(suffix) {
      if let bytes = try? fs.readWholeFile(path + "/" + name), let draft = decode(bytes) {
        drafts.append(draft)
      } else {
        damaged.append(name)
      }
    }
    return (drafts.sorted { $0.savedAt > $1.savedAt }, damaged)
  }
}

extension DurableStore {
  /// Keeps the text being edited under `key`, replacing the previous draft of that key. Cheap enough
  /// to call whenever typing pauses; survives the program being killed.
  public func saveDraft(key: String, text: String, now: Date) throws(StoreError) {
    let path = folder + "/" + StoreFiles.drafts + "/" + DraftFiles.fileName(key)
    do throws(FileSystemError) {
      try fileSystem.replaceFile(
        path, with: DraftFiles.encode(key: key, text: text, savedAt: now), sync: true)
    } catch {
      throw .draftFailed(error)
    }
  }

  /// Every draft kept, newest first (damaged draft files are skipped; `check` lists them).
  public func drafts() -> [Draft] {
    DraftFiles.readAll(folder: folder, fileSystem: fileSystem).drafts
  }

  /// Removes the draft of `key` (after its text was applied, or the user threw it away).
  public func discardDraft(key: String) throws(StoreError) {
    let path = folder + "/" + StoreFiles.drafts + "/" + DraftFiles.fileName(key)
    guard fileSystem.exists(path) else { return }
    do throws(FileSystemError) {
      try fileSystem.unlink(path)
    } catch {
      throw .draftFailed(error)
    }
  }
}
