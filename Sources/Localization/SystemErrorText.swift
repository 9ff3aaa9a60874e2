#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A system error number as a sentence a user can act on: what happened and what to do. A full
/// disk asks for space, a refused permission names the owner's rights, never "error 13".
public enum SystemErrorText {
  /// What went wrong, in words, followed by what to do about it.
  public static func sentence(_ code: Int32, _ language: Language) -> String {
    switch code {
    case ENOSPC: return tr("robust.errno.noSpace", language)
    case EDQUOT: return tr("robust.errno.quota", language)
    case EACCES, EPERM: return tr("robust.errno.permission", language)
    case ENOENT: return tr("robust.errno.notFound", language)
    case ENOTDIR: return tr("robust.errno.notFolder", language)
    case EISDIR: return tr("robust.errno.isFolder", language)
    case EROFS: return tr("robust.errno.readOnly", language)
    case EIO: return tr("robust.errno.io", language)
    case ELOOP: return tr("robust.errno.symlink", language)
    case EEXIST: return tr("robust.errno.exists", language)
    case ENAMETOOLONG: return tr("robust.errno.nameTooLong", language)
    case EFBIG: return tr("robust.errno.tooBig", language)
    case EPIPE: return tr("robust.errno.pipe", language)
    case EMFILE, ENFILE: return tr("robust.errno.tooManyFiles", language)
    case EBUSY, ETXTBSY: return tr("robust.errno.busy", language)
    default:
      let system = String(cString: strerror(code))
      return tr("robust.errno.other", language, system, String(code))
    }
  }
}
