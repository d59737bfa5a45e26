package org.tollgate.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.tollgate.format.Units;

/**
 * Unpacking an uploaded review bundle (a zip of a review folder) safely: the upload is size-limited before it is
 * read, and the archive is refused — with nothing left on disk — when an entry's name would land outside the
 * bundle folder (absolute paths, {@code ..}, backslashes, drive letters), when it has too many entries, when the
 * bytes actually inflated exceed the total limit, or when an entry inflates more than {@code maxRatio} times its
 * compressed size (a zip bomb). Sizes are counted while inflating, not taken from the headers, which can lie.
 * review.yaml may name only files inside the bundle: {@link org.tollgate.ingest.config.ReviewPaths} holds every
 * reader to that.
 */
final class Bundles {
  /**
   * Limits on uploads.
   *
   * @param maxUploadBytes the zip as sent
   * @param maxEntries entries in the zip
   * @param maxUncompressedBytes bytes one bundle unpacks to
   * @param maxRatio how many times its compressed size one entry may inflate (above {@link #RATIO_FLOOR_BYTES})
   * @param maxYamlBytes one YAML file in the bundle (review.yaml, a workflow file), unpacked: the YAML reader holds it whole
   * @param maxBytesPerUploader what one person's stored bundles may occupy on disk together
   */
  record Limits(long maxUploadBytes, int maxEntries, long maxUncompressedBytes, double maxRatio, long maxYamlBytes, long maxBytesPerUploader) {
    static final Limits DEFAULT = new Limits(64L << 20, 2_000, 1L << 30, 200, 1L << 20, 2L << 30);

    Limits {
      if (maxUploadBytes <= 0 || maxEntries <= 0 || maxUncompressedBytes <= 0 || maxRatio <= 1 || maxYamlBytes <= 0 || maxBytesPerUploader <= 0) {
        throw new IllegalArgumentException("bundle limits must be positive (ratio > 1)");
      }
    }

    /** These limits with another disk limit per uploader. */
    Limits withMaxBytesPerUploader(long bytes) {
      return new Limits(maxUploadBytes, maxEntries, maxUncompressedBytes, maxRatio, maxYamlBytes, bytes);
    }

    /** These limits with another upload size. */
    Limits withMaxUploadBytes(long bytes) {
      return new Limits(bytes, maxEntries, maxUncompressedBytes, maxRatio, maxYamlBytes, maxBytesPerUploader);
    }
  }

  /** Entries smaller than this are not ratio-checked (tiny text files compress very well and harm nobody). */
  static final long RATIO_FLOOR_BYTES = 1 << 20;

  private Bundles() {}

  /** A size for a message: "64 MB", or "100,000 bytes" below one MB. */
  static String size(long bytes) {
    return bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MB" : Units.count(bytes, "byte");
  }

  /**
   * Unpacks {@code zip} into a new folder under {@code root} and returns the review folder (the one holding
   * review.yaml: the top of the archive or its single top-level folder).
   *
   * @throws WebException 400 for a bad archive (the message says which entry and why), 413 when too large
   */
  static Path extract(Path zip, Path root, Limits limits, String uploader) throws IOException {
    Files.createDirectories(root);
    long used = usedBy(root, uploader);
    long room = limits.maxBytesPerUploader() - used;
    if (room <= 0) {
      throw new WebException(413, "your stored bundles already use " + size(used) + " of the " + size(limits.maxBytesPerUploader())
          + " each person may keep on the server; ask an admin to remove old ones");
    }
    String id = UUID.randomUUID().toString();
    Path tmp = root.resolve(id + ".partial");
    Path done = root.resolve(id);
    Files.createDirectory(tmp);
    try {
      unzip(zip, tmp, limits, room);
      Path reviewDir = reviewFolder(tmp);
      Files.writeString(root.resolve(id + OWNER), uploader, java.nio.charset.StandardCharsets.UTF_8);
      Files.move(tmp, done);
      return done.resolve(tmp.relativize(reviewDir));
    } catch (IOException | RuntimeException e) {
      delete(tmp);
      throw e;
    }
  }

  /** Beside each stored bundle folder: a file holding the name of who uploaded it (for the per-person disk limit). */
  static final String OWNER = ".owner";

  /** Bytes on disk of the bundles {@code uploader} stored under {@code root}. */
  static long usedBy(Path root, String uploader) throws IOException {
    long total = 0;
    try (Stream<Path> s = Files.list(root)) {
      for (Path owner : s.filter(p -> p.getFileName().toString().endsWith(OWNER)).toList()) {
        String who;
        try {
          who = Files.readString(owner, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
          continue;
        }
        if (!who.equals(uploader)) continue;
        String name = owner.getFileName().toString();
        Path folder = root.resolve(name.substring(0, name.length() - OWNER.length()));
        if (!Files.isDirectory(folder)) continue;
        try (Stream<Path> files = Files.walk(folder)) {
          for (Path f : files.filter(Files::isRegularFile).toList()) total += Files.size(f);
        }
      }
    }
    return total;
  }

  private static void unzip(Path zip, Path into, Limits limits, long room) throws IOException {
    try (ZipFile zf = new ZipFile(zip.toFile())) {
      int entries = 0;
      long total = 0;
      Enumeration<? extends ZipEntry> en = zf.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        if (++entries > limits.maxEntries()) {
          throw WebException.badRequest("the bundle has more than " + limits.maxEntries() + " entries; refused");
        }
        Path target = safeTarget(into, e.getName());
        if (e.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        long compressed = Math.max(1, e.getCompressedSize());
        long written = 0;
        String lower = e.getName().toLowerCase(java.util.Locale.ROOT);
        boolean yaml = lower.endsWith(".yaml") || lower.endsWith(".yml");
        try (InputStream in = zf.getInputStream(e); OutputStream out = Files.newOutputStream(target)) {
          byte[] buf = new byte[64 * 1024];
          for (int n; (n = in.read(buf)) > 0; ) {
            written += n;
            total += n;
            if (total > limits.maxUncompressedBytes()) {
              throw new WebException(413, "the bundle unpacks to more than " + size(limits.maxUncompressedBytes()) + "; refused");
            }
            if (total > room) {
              throw new WebException(413, "the bundle would take your stored bundles past the " + size(limits.maxBytesPerUploader())
                  + " each person may keep on the server; refused");
            }
            if (yaml && written > limits.maxYamlBytes()) {
              throw WebException.badRequest("entry " + e.getName() + " is larger than " + size(limits.maxYamlBytes())
                  + "; a YAML file in a bundle may hold at most that; refused");
            }
            if (written > RATIO_FLOOR_BYTES && written > limits.maxRatio() * compressed) {
              throw WebException.badRequest("entry " + e.getName() + " inflates more than " + (long) limits.maxRatio()
                  + " times its compressed size (a zip bomb?); refused");
            }
            out.write(buf, 0, n);
          }
        }
      }
      if (entries == 0) throw WebException.badRequest("the bundle is an empty zip");
    } catch (ZipException e) {
      throw WebException.badRequest("the bundle is not a readable zip file: " + e.getMessage());
    }
  }

  /** Where an entry goes, or a refusal when its name could escape {@code into}. */
  static Path safeTarget(Path into, String name) {
    if (name.isEmpty() || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0 || name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
      throw WebException.badRequest("entry name '" + name + "' is not a relative path inside the bundle; refused");
    }
    for (String seg : name.split("/")) {
      if (seg.equals("..")) throw WebException.badRequest("entry name '" + name + "' climbs out of the bundle (..); refused");
    }
    Path t = into.resolve(name).normalize();
    if (!t.startsWith(into)) throw WebException.badRequest("entry name '" + name + "' lands outside the bundle; refused");
    return t;
  }

  private static Path reviewFolder(Path top) throws IOException {
    if (Files.isRegularFile(top.resolve("review.yaml"))) return top;
    try (Stream<Path> s = Files.list(top)) {
      List<Path> dirs = s.filter(Files::isDirectory).toList();
      if (dirs.size() == 1 && Files.isRegularFile(dirs.get(0).resolve("review.yaml"))) return dirs.get(0);
    }
    throw WebException.badRequest("the bundle has no review.yaml at its top or in its single top-level folder");
  }

  /**
   * A message about an uploaded bundle with the server's folders taken out: paths inside the bundle read relative to
   * it ({@code review.yaml: line 3 ...}), and the uploads folder is never named. Which files a bundle may name is
   * decided once, for every reader, by {@link org.tollgate.ingest.config.ReviewPaths}.
   */
  static String withoutServerPaths(String message, Path bundle, Path uploads) {
    if (message == null) return null;
    String m = message;
    for (Path p : folders(bundle)) m = m.replace(p + java.io.File.separator, "").replace(p.toString(), ".");
    for (Path p : folders(uploads)) m = m.replace(p + java.io.File.separator, "").replace(p.toString(), ".");
    return m;
  }

  private static List<Path> folders(Path p) {
    List<Path> out = new ArrayList<>();
    if (p == null) return out;
    Path abs = p.toAbsolutePath().normalize();
    try {
      Path real = abs.toRealPath();
      if (!real.equals(abs)) out.add(real);
    } catch (IOException ignored) {
      // gone already: only the absolute form can be in a message
    }
    out.add(abs);
    return out;
  }

  /**
   * Deletes a stored run's data files from its bundle folder, keeping review.yaml and out/ (the dossier): what a
   * committee needs stays, patient-level rows do not. Best effort per file; nothing else depends on them.
   */
  static void dropData(Path reviewDir) {
    try (Stream<Path> s = Files.walk(reviewDir)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Path rel = reviewDir.relativize(x);
        if (x.equals(reviewDir) || rel.toString().equals("review.yaml") || rel.startsWith("out")) continue;
        if (Files.isDirectory(x, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          try (Stream<Path> inside = Files.list(x)) {
            if (inside.findAny().isPresent()) continue;
          }
        }
        Files.deleteIfExists(x);
      }
    } catch (IOException ignored) {
      // a file that could not be deleted is left; the next start-up does not touch finished bundles
    }
  }

  /**
   * Removes what a crash can leave in the uploads folder: half-extracted bundles ({@code *.partial}) and received zips
   * ({@code upload-*.zip}). Run at start-up, before any request; returns how many were removed.
   */
  static int removeLeftovers(Path uploads) {
    if (!Files.isDirectory(uploads)) return 0;
    int n = 0;
    try (Stream<Path> s = Files.list(uploads)) {
      for (Path x : s.toList()) {
        String name = x.getFileName().toString();
        if ((name.endsWith(".partial") && Files.isDirectory(x)) || (name.startsWith("upload-") && name.endsWith(".zip"))) {
          delete(x);
          n++;
        }
      }
    } catch (IOException ignored) {
      // an unreadable uploads folder fails loudly at the first upload
    }
    return n;
  }

  /**
   * Creates the uploads folder owner-only (0700 where the file system has POSIX permissions) or, if it exists,
   * takes group and other access away: uploaded bundles hold patient-level rows until their run is stored.
   */
  static void ownerOnlyFolder(Path dir) throws IOException {
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    java.util.Set<java.nio.file.attribute.PosixFilePermission> rwx = java.nio.file.attribute.PosixFilePermissions.fromString("rwx------");
    if (!Files.exists(dir)) {
      if (dir.toAbsolutePath().getParent() != null) Files.createDirectories(dir.toAbsolutePath().getParent());
      if (posix) Files.createDirectory(dir, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(rwx));
      else Files.createDirectory(dir);
    } else if (posix) {
      Files.setPosixFilePermissions(dir, rwx);
    }
  }

  static void delete(Path p) {
    if (p == null || !Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
    } catch (IOException ignored) {
      // best effort: a leftover .partial folder is never read
    }
  }
}
