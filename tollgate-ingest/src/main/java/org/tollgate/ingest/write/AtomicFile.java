package org.tollgate.ingest.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.tollgate.data.BadInputException;

/**
 * The one atomic file write: the command line's reports and the Spark jobs' outputs go through it. It also
 * owns what can be wrong with a place to write: a target that is a folder or a read-only file, a folder that
 * is missing, read-only or a file. Each is a {@link BadInputException} (exit 2) naming the path, found before
 * any byte is written. A read-only file is never replaced, even by a user (root) the system would let do it.
 */
public final class AtomicFile {
  private AtomicFile() {}

  /** Writes the bytes of one file. */
  @FunctionalInterface
  public interface Body {
    void write(OutputStream o) throws IOException;
  }

  /**
   * Writes {@code target} atomically: into a hidden temporary file beside it, made readable by all
   * (rw-r--r--), then renamed over the target; on any failure the temporary file is removed and the
   * target is untouched.
   *
   * @throws BadInputException when {@link #checkWritable} refuses the target, or the file system refuses the write
   */
  public static void write(Path target, Body body) throws IOException {
    checkWritable(target);
    Path tmp;
    try {
      tmp = Files.createTempFile(target.toAbsolutePath().getParent(), "." + target.getFileName() + ".", ".tmp");
    } catch (FileSystemException e) {
      throw refused(target, e);
    }
    try {
      try (OutputStream o = new java.io.BufferedOutputStream(Files.newOutputStream(tmp))) {
        body.write(o);
      }
      readableByAll(tmp);
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      } catch (FileSystemException e) {
        throw refused(target, e);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Checks, without writing anything, that {@link #write} may write {@code target}: it is not a folder, not a
   * read-only file, and its folder exists and is writable.
   *
   * @throws BadInputException naming the path and what is wrong with it
   */
  public static void checkWritable(Path target) {
    Path t = target.toAbsolutePath();
    if (Files.isDirectory(t)) {
      throw new BadInputException(target.toString(), "is a folder; give the name of a file to write");
    }
    if (Files.exists(t, LinkOption.NOFOLLOW_LINKS) && readOnly(t)) {
      throw new BadInputException(target.toString(), "is read-only; tollgate does not replace a read-only file (make it writable or write elsewhere)");
    }
    Path parent = t.getParent();
    if (parent == null || !Files.exists(parent)) {
      throw new BadInputException(target.toString(), "the output folder " + parent + " does not exist");
    }
    if (!Files.isDirectory(parent)) {
      throw new BadInputException(target.toString(), parent + " is a file, not a folder");
    }
    if (readOnly(parent)) {
      throw new BadInputException(target.toString(), "the output folder " + parent + " is read-only");
    }
  }

  /**
   * Checks, without creating anything, that {@link #folder} can make {@code dir} a writable output folder:
   * it is a writable folder, or the nearest part of its path that exists is a writable folder.
   *
   * @throws BadInputException naming the folder and what is wrong with it
   */
  public static void checkFolder(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    Path existing = d;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      throw new BadInputException(dir.toString(), "cannot create this folder: no part of its path exists");
    }
    String what = existing.equals(d) ? "" : "cannot create the output folder: ";
    if (!Files.isDirectory(existing)) {
      throw new BadInputException(dir.toString(), existing.equals(d) ? "is a file, not a folder" : what + existing + " is a file, not a folder");
    }
    if (readOnly(existing)) {
      throw new BadInputException(dir.toString(), existing.equals(d) ? "the output folder is read-only" : what + existing + " is read-only");
    }
  }

  /**
   * Creates the output folder {@code dir} (and its parents) after {@link #checkFolder}, and returns it.
   *
   * @throws BadInputException when the folder cannot be made or written
   */
  public static Path folder(Path dir) {
    checkFolder(dir);
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new BadInputException(dir.toString(), "cannot create this folder: " + reason(e));
    }
  }

  /**
   * Read-only: the process may not write it, or it has no write permission for anyone. The second test is
   * what stops root (whom the system lets write anything) from silently replacing a file someone made read-only.
   */
  static boolean readOnly(Path p) {
    if (!Files.isWritable(p)) {
      return true;
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
      return !perms.contains(PosixFilePermission.OWNER_WRITE) && !perms.contains(PosixFilePermission.GROUP_WRITE)
          && !perms.contains(PosixFilePermission.OTHERS_WRITE);
    } catch (UnsupportedOperationException | IOException notPosix) {
      return false;
    }
  }

  private static BadInputException refused(Path target, FileSystemException e) {
    return new BadInputException(target.toString(), "cannot write: " + reason(e));
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    if (e instanceof java.nio.file.FileAlreadyExistsException f) return f.getFile() + " exists and is not a folder";
    if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
    return String.valueOf(e.getMessage());
  }

  /** Temporary files are created owner-only; a report is an ordinary file (rw-r--r--). */
  public static void readableByAll(Path p) throws IOException {
    try {
      Files.setPosixFilePermissions(p, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the default ACL applies
    }
  }
}
