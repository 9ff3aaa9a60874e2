#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Who may touch the store folder. Another user who owns it or may write in it could plant a link
/// named like a store file and make the store overwrite what the link points to.
enum StoreFolder {
  static func checkSafety(_ folder: String) throws(StoreError) {
    var info = stat()
    guard stat(folder, &info) == 0 else {
      throw .fileSystem(FileSystemError(operation: "stat", path: folder, code: errno))
    }
    if info.st_uid != geteuid() {
      throw .unsafeFolder(folder: folder, owner: info.st_uid, writableByOthers: false)
    }
    if info.st_mode & mode_t(0o022) != 0 {
      throw .unsafeFolder(folder: folder, owner: nil, writableByOthers: true)
    }
  }
}
