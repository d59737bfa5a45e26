package org.tollgate.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.tollgate.data.BadInputException;

/**
 * What the user pointed at, resolved: one file, or the Parquet files of a directory or glob in name
 * order; the format (from the extension, else from the first bytes); and the SHA-256 of the bytes.
 */
final class InputSource {
  private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);

  /** The path as the user gave it; every message starts with it. */
  final String display;
  /** The files to read, in name order (one for CSV and NDJSON). */
  final List<Path> files;
  /** For each file, how messages name it. */
  final List<String> fileDisplays;
  final InputFormat format;
  /** True when the single file is gzip-compressed. */
  final boolean gzip;

  private InputSource(String display, List<Path> files, List<String> fileDisplays, InputFormat format, boolean gzip) {
    this.display = display;
    this.files = List.copyOf(files);
    this.fileDisplays = List.copyOf(fileDisplays);
    this.format = format;
    this.gzip = gzip;
  }

  static InputSource resolve(Path given) {
    String display = given.toString();
    if (!Files.exists(given)) {
      Path name = given.getFileName();
      if (name != null && isGlob(name.toString())) {
        return glob(given, display);
      }
      throw new BadInputException(display, "file not found");
    }
    if (Files.isDirectory(given)) {
      return directory(given, display);
    }
    if (!Files.isRegularFile(given)) {
      throw new BadInputException(display, "not a regular file");
    }
    checkReadable(given, display);
    String lower = display.toLowerCase(Locale.ROOT);
    boolean gz = lower.endsWith(".gz");
    String base = gz ? lower.substring(0, lower.length() - 3) : lower;
    InputFormat format;
    if (base.endsWith(".csv")) {
      format = InputFormat.CSV;
    } else if (base.endsWith(".parquet") || base.endsWith(".parq") || base.endsWith(".pq")) {
      format = InputFormat.PARQUET;
    } else if (base.endsWith(".ndjson") || base.endsWith(".jsonl")) {
      format = InputFormat.FHIR_NDJSON;
    } else {
      return sniffed(given, display);
    }
    if (gz && format == InputFormat.PARQUET) {
      throw new BadInputException(display, "gzip-compressed Parquet is not supported; Parquet compresses its own pages");
    }
    if (gz && !isGzip(given, display)) {
      throw new BadInputException(display, "name ends in .gz but the file is not gzip-compressed");
    }
    return new InputSource(display, List.of(given), List.of(display), format, gz);
  }

  String displayOf(int fileIndex) {
    return fileDisplays.get(fileIndex);
  }

  /**
   * SHA-256 of the input's bytes as stored (compressed files are hashed compressed), the files of a
   * directory or glob concatenated in name order. Lower-case hex.
   */
  String sha256() {
    return sha256(files, fileDisplays);
  }

  /** SHA-256 of the files' bytes concatenated in the given order; lower-case hex. Interruptible. */
  static String sha256(List<Path> files, List<String> displays) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
    ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
    for (int i = 0; i < files.size(); i++) {
      try (FileChannel ch = FileChannel.open(files.get(i))) {
        while (ch.read(buf) >= 0) {
          buf.flip();
          md.update(buf);
          buf.clear();
          if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("hashing interrupted");
          }
        }
      } catch (IOException e) {
        throw new BadInputException(displays.get(i), "cannot read: " + e.getMessage());
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }

  private static boolean isGlob(String name) {
    return name.indexOf('*') >= 0 || name.indexOf('?') >= 0 || name.indexOf('[') >= 0 || name.indexOf('{') >= 0;
  }

  private static InputSource glob(Path given, String display) {
    Path parent = given.getParent() == null ? Path.of("") : given.getParent();
    Path dir = parent.toString().isEmpty() ? Path.of(".") : parent;
    if (!Files.isDirectory(dir)) {
      throw new BadInputException(display, "file not found (directory " + dir + " does not exist)");
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + given.getFileName());
    List<Path> matches = list(dir, display, p -> matcher.matches(p.getFileName()));
    if (matches.isEmpty()) {
      throw new BadInputException(display, "no files match");
    }
    return parquetSet(parent, matches, display);
  }

  private static InputSource directory(Path dir, String display) {
    List<Path> files = list(dir, display, p -> {
      String n = p.getFileName().toString();
      return n.toLowerCase(Locale.ROOT).endsWith(".parquet") && !n.startsWith(".") && !n.startsWith("_");
    });
    if (files.isEmpty()) {
      throw new BadInputException(display, "directory has no .parquet files");
    }
    return parquetSet(dir, files, display);
  }

  private static InputSource parquetSet(Path parent, List<Path> files, String display) {
    List<String> displays = new ArrayList<>();
    for (Path f : files) {
      String shown = parent.resolve(f.getFileName()).toString();
      checkReadable(f, shown);
      if (!startsWith(f, shown, PARQUET_MAGIC)) {
        throw new BadInputException(shown, "not a Parquet file (it does not start with the Parquet magic bytes PAR1)");
      }
      displays.add(shown);
    }
    return new InputSource(display, files, displays, InputFormat.PARQUET, false);
  }

  private static List<Path> list(Path dir, String display, DirectoryStream.Filter<Path> filter) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, filter)) {
      for (Path p : ds) {
        if (Files.isRegularFile(p)) {
          out.add(p);
        }
      }
    } catch (AccessDeniedException e) {
      throw new BadInputException(display, "cannot read (permission denied)");
    } catch (IOException e) {
      throw new BadInputException(display, "cannot list: " + e.getMessage());
    }
    out.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return out;
  }

  private static void checkReadable(Path file, String display) {
    if (!Files.isReadable(file)) {
      throw new BadInputException(display, "cannot read (permission denied)");
    }
  }

  private static InputSource sniffed(Path file, String display) {
    boolean gz = isGzip(file, display);
    byte[] head = new byte[256];
    int n;
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = gz ? new GZIPInputStream(raw) : raw) {
      n = in.readNBytes(head, 0, head.length);
    } catch (IOException e) {
      throw new BadInputException(display, "cannot read: " + e.getMessage());
    }
    if (n >= 4 && head[0] == 'P' && head[1] == 'A' && head[2] == 'R' && head[3] == '1') {
      if (gz) {
        throw new BadInputException(display, "gzip-compressed Parquet is not supported; Parquet compresses its own pages");
      }
      return new InputSource(display, List.of(file), List.of(display), InputFormat.PARQUET, false);
    }
    int i = 0;
    if (n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
      i = 3;
    }
    while (i < n && Character.isWhitespace(head[i])) {
      i++;
    }
    InputFormat format = i < n && head[i] == '{' ? InputFormat.FHIR_NDJSON : InputFormat.CSV;
    return new InputSource(display, List.of(file), List.of(display), format, gz);
  }

  private static boolean isGzip(Path file, String display) {
    return startsWith(file, display, new byte[] {(byte) 0x1f, (byte) 0x8b});
  }

  private static boolean startsWith(Path file, String display, byte[] magic) {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] head = in.readNBytes(magic.length);
      if (head.length < magic.length) {
        return false;
      }
      for (int i = 0; i < magic.length; i++) {
        if (head[i] != magic[i]) {
          return false;
        }
      }
      return true;
    } catch (NoSuchFileException e) {
      throw new BadInputException(display, "file not found");
    } catch (AccessDeniedException e) {
      throw new BadInputException(display, "cannot read (permission denied)");
    } catch (IOException e) {
      throw new BadInputException(display, "cannot read: " + e.getMessage());
    }
  }
}
