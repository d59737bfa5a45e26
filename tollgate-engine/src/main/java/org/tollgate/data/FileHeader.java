package org.tollgate.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The first bytes of each of tollgate's binary summary files (an evaluation summary, a simulation run, a monitoring
 * summary): magic bytes, then the format version as a big-endian int. One check for all of them: a file of another
 * kind, or of a version this tollgate does not read, is bad input naming the file. A file that ends inside the header
 * raises {@link java.io.EOFException}, which each reader reports as truncated.
 *
 * @param magic the ASCII magic, e.g. {@code TGMONITOR}
 * @param version the one version this tollgate writes and reads
 * @param what the file's kind in words, for messages ("tollgate simulation summary")
 * @param schema the format's name, e.g. {@code tollgate.monitor-summary/v2}
 */
public record FileHeader(String magic, int version, String what, String schema) {
  public void write(DataOutput d) throws IOException {
    d.write(magic.getBytes(StandardCharsets.US_ASCII));
    d.writeInt(version);
  }

  /** Reads the header and refuses another kind of file or another version. */
  public void check(DataInput d, String name) throws IOException {
    byte[] want = magic.getBytes(StandardCharsets.US_ASCII);
    byte[] got = new byte[want.length];
    d.readFully(got);
    if (!Arrays.equals(got, want)) throw new BadInputException(name, "not a " + what + " (" + schema + "): it does not start with " + magic);
    int v = d.readInt();
    if (v != version) throw new BadInputException(name, what + " version " + v + " is not supported; this tollgate reads version " + version);
  }
}
