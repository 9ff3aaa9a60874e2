import Domain
import Foundation
import Localization
import Store

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The person at the keyboard as the operating system knows them: the real user id and its passwd entry.
public struct SystemUser: Equatable, Sendable {
  /// The real user id (`getuid`).
  public var uid: UInt32
  /// The passwd entry's name; nil when the uid has no entry (a container, a deleted account).
  public var name: String?
  /// The first GECOS field, or the name.
  public var displayName: String

  public init(uid: UInt32, name: String?, displayName: String) {
    self.uid = uid
    self.name = name
    self.displayName = displayName
  }

  /// The name staff accounts are matched against; a uid without an entry gets a name no account can hold.
  public var userName: String { name ?? "uid \(uid)" }
}

/// Finds who is running the program from the user id alone: `USER` and `LOGNAME` are set by whoever
/// starts the process (`USER=root shangliang`), so they never decide a role.
public enum Identity {
  /// A passwd entry: the user name and the GECOS field.
  public struct PasswdEntry: Equatable, Sendable {
    public var name: String
    public var gecos: String
    public init(name: String, gecos: String) {
      self.name = name
      self.gecos = gecos
    }
  }

  /// Looks a uid up in the system's user database (injectable so that tests can fake a missing entry).
  public typealias Lookup = @Sendable (UInt32) -> PasswdEntry?

  /// The system's user database, through `getpwuid`.
  public static let passwd: Lookup = { uid in
    guard let entry = getpwuid(uid_t(uid)) else { return nil }
    let name = String(cString: entry.pointee.pw_name)
    let gecos = entry.pointee.pw_gecos.map { String(cString: $0) } ?? ""
    return PasswdEntry(name: name, gecos: gecos)
  }

  /// The real user id of this process.
  public static var realUID: UInt32 { UInt32(getuid()) }

  /// The user running the program: `uid` looked up with `lookup`, nothing else consulted.
  public static func current(uid: UInt32 = realUID, lookup: Lookup = passwd) -> SystemUser {
    guard let entry = lookup(uid), !entry.name.isEmpty else {
      return SystemUser(uid: uid, name: nil, displayName: "uid \(uid)")
    }
    let display = entry.gecos.split(separator: ",").first.map(String.init) ?? ""
    return SystemUser(uid: uid, name: entry.name, displayName: display.isEmpty ? entry.name : display)
  }
}

extension Startup {
  /// Who is working now, for a user found by `Identity`: the first user of a new store becomes its
  /// admin, a user with a staff account gets its role, anyone else reads only. A uid without a passwd
  /// entry is always a reader, even on a new store, and `notice` says how an admin adds an account.
  public static func actor(store: any CommitteeStorage, user: SystemUser, now: Date) throws(StoreError) -> (
    actor: ActingUser, notice: UserMessage?
  ) {
    // A shared store's server says who the user is and what role they hold.
    if let identity = store.serverIdentity { return (identity, nil) }
    guard let name = user.name else {
      let notice = UserMessage(
        zh: tr("identity.noPasswdEntry", .zh, String(user.uid)),
        en: tr("identity.noPasswdEntry", .en, String(user.uid)))
      return (.reader(user.userName), notice)
    }
    let actor = try actor(store: store, userName: name, displayName: user.displayName, now: now)
    guard actor.role == nil else { return (actor, nil) }
    let notice = UserMessage(
      zh: tr("identity.noAccount", .zh, name), en: tr("identity.noAccount", .en, name))
    return (actor, notice)
  }
}
