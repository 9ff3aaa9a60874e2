import Foundation

/// Drafts kept in a folder of their own, for a store whose data lives elsewhere (the shared store
/// keeps what its user typed on this machine, so that it survives the server going away).
public struct DraftFolder: Sendable {
  public let folder: String
  let fileSystem: any FileSystem

  public init(folder: String, fileSystem: any FileSystem = POSIXFileSystem()) {
    self.folder = folder
    self.fileSystem = fileSystem
  }

  private var draftsPath: String { folder + "/" + StoreFiles.drafts }

  public func save(key: String, text: String, now: Date) throws(StoreError) {
    do throws(FileSystemError) {
      try fileSystem.makeFolder(folder)
      try fileSystem.makeFolder(draftsPath)
      try fileSystem.replaceFile(
        draftsPath + "/" + DraftFiles.fileName(key),
        with: DraftFiles.encode(key: key, text: text, savedAt: now),
        sync: true)
    } catch {
      throw .draftFailed(error)
    }
  }

  /// Every draft kept, newest first.
  public func all() -> [Draft] {
    DraftFiles.readAll(folder: folder, fileSystem: fileSystem).drafts
  }

  public func discard(key: String) throws(StoreError) {
    let path = draftsPath + "/" + DraftFiles.fileName(key)
    guard fileSystem.exists(path) else { return }
    do throws(FileSystemError) {
      try fileSystem.unlink(path)
    } catch {
      throw .draftFailed(error)
    }
  }
}
