extension DurableStore {
  /// The state of a store folder read without taking the lock and without changing anything
  /// (for `export` while the program may have the store open: it sees the files as of now).
  /// Damage is refused as `open` would refuse it; a torn last record is simply left out.
  /// `progress` hears how many bytes of the files are read (see `StoreProgress`).
  public static func readState(
    folder: String, fileSystem fs: any FileSystem = POSIXFileSystem(), progress: StoreProgress? = nil
  ) throws(StoreError) -> Model.State {
    let scan = StoreScanner<Model>.scan(folder: folder, fileSystem: fs, progress: progress)
    if let problem = scan.problem { throw problem }
    return scan.state
  }
}
