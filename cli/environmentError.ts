// The system refusing a write or a read (disk full, file too large, read-only or forbidden folder) is not a bug:
// it is reported as one line naming the path and the reason, with its own exit code (docs/exit-codes.md).

const REASONS: Readonly<Record<string, string>> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large (a file-size limit, ulimit -f, or the file system\'s)',
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EIO: 'input/output error on the device',
  EMFILE: 'too many open files in this process',
  ENFILE: 'too many open files on the system',
  EBUSY: 'busy (a mount point, or in use)',
  EXDEV: 'on another file system than its folder',
  ENAMETOOLONG: 'a name in the path is too long for the file system',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ELOOP: 'too many symbolic links in the path',
};

/** The one line for an error the system raised, or undefined when it is not one (then it is a bug). */
export function environmentError(error: unknown): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const { code, path, dest } = error as NodeJS.ErrnoException & { dest?: string };
  const reason = code === undefined ? undefined : REASONS[code];
  if (reason === undefined) return undefined;
  const where = path === undefined ? '' : `${path}${dest ? ` → ${dest}` : ''}: `;
  return `${where}${reason} (${code})`;
}
