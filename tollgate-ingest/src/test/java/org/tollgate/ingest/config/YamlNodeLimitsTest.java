package org.tollgate.ingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.data.BadInputException;

/** Every problem with a YAML settings file is bad input naming the file and the line (issue 19 item 10, issue 16 §5). */
class YamlNodeLimitsTest {
  @TempDir Path dir;

  private Path write(String text) throws IOException {
    Path p = dir.resolve("review.yaml");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void aDuplicatedKeyIsRefusedNamingItsLineAndKeyPath() throws IOException {
    Path p = write("""
        evaluation:
          threshold: 0.5
          by: [sex]
          threshold: 0.9
        """);
    BadInputException e = assertThrows(BadInputException.class, () -> YamlNode.read(p));
    assertEquals(p + ": line 4, column 'evaluation.threshold': key 'threshold' appears twice in this mapping (first on line 2);"
        + " remove one, the file must say one thing", e.getMessage());
  }

  @Test
  void aDuplicatedKeyInsideAListItemIsRefusedToo() throws IOException {
    Path p = write("""
        policies:
          - name: a
            threshold: 0.5
          - name: b
            threshold: 0.6
            name: c
        """);
    BadInputException e = assertThrows(BadInputException.class, () -> YamlNode.read(p));
    assertTrue(e.getMessage().startsWith(p + ": line 6, column 'policies[1].name': key 'name' appears twice"), e.getMessage());
  }

  @Test
  void theSameKeyInTwoDifferentMappingsIsFine() throws IOException {
    Path p = write("""
        a: {threshold: 0.5}
        b: {threshold: 0.5}
        """);
    assertEquals(2, YamlNode.read(p).map(Set.of("a", "b")).size());
  }

  @Test
  void aFileOverOneMebibyteIsRefusedBeforeParsing() throws IOException {
    Path p = dir.resolve("big.yaml");
    byte[] line = "# padding padding padding padding padding padding padding padding padding padding\n".getBytes(StandardCharsets.UTF_8);
    try (var o = Files.newOutputStream(p)) {
      o.write("a: 1\n".getBytes(StandardCharsets.UTF_8));
      for (long n = 0; n <= (1 << 20) / line.length; n++) o.write(line);
    }
    assertTrue(Files.size(p) > 1_048_576);
    BadInputException e = assertThrows(BadInputException.class, () -> YamlNode.read(p));
    assertEquals(p + ": larger than the limit of 1 MiB (1048576 bytes) for a YAML settings file", e.getMessage());
  }

  @Test
  void aFileOfExactlyOneMebibyteIsRead() throws IOException {
    Path p = dir.resolve("edge.yaml");
    byte[] b = new byte[1 << 20];
    java.util.Arrays.fill(b, (byte) ' ');
    byte[] head = "a: 1\n#".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, b, 0, head.length);
    b[b.length - 1] = '\n';
    Files.write(p, b);
    assertEquals("1", YamlNode.read(p).map(Set.of("a")).get("a").string());
  }

  @Test
  void billionLaughsIsRefusedAtTheAliasBeyondTheLimit() throws IOException {
    StringBuilder y = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i <= 9; i++) {
      y.append("l").append(i).append(": &l").append(i).append(" [");
      for (int j = 0; j < 9; j++) y.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
      y.append("]\n");
    }
    Path p = write(y.toString());
    BadInputException e = assertThrows(BadInputException.class, () -> YamlNode.read(p));
    // line 2 holds aliases 1-9, line 3 the 10th and the 11th: the 11th is the one refused
    assertEquals(p + ": line 3: more than 10 aliases (*name) to a list or mapping; write the values out"
        + " (the limit stops a file that expands to gigabytes)", e.getMessage());
  }

  @Test
  void aNonUtf8ByteIsRefusedWithItsLine() throws IOException {
    Path p = dir.resolve("latin1.yaml");
    Files.write(p, "use_case:\n  title: Caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    BadInputException e = assertThrows(BadInputException.class, () -> YamlNode.read(p));
    assertEquals(p + ": line 2: not valid UTF-8 text (byte 0xE9); save the file as UTF-8", e.getMessage());
  }

  @Test
  void aUtf16FileIsRefusedSayingSo() throws IOException {
    Path p = dir.resolve("utf16.yaml");
    byte[] body = "a: 1\n".getBytes(StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[body.length + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(body, 0, withBom, 2, body.length);
    Files.write(p, withBom);
    BadInputException e = assertThrows(BadInputException.class, () -> YamlNode.read(p));
    assertEquals(p + ": line 1: not valid UTF-8 text (byte 0xFF), the file looks like UTF-16; save the file as UTF-8", e.getMessage());
  }

  @Test
  void aUtf8ByteOrderMarkIsAccepted() throws IOException {
    Path p = dir.resolve("bom.yaml");
    Files.write(p, "\uFEFFa: 1\n".getBytes(StandardCharsets.UTF_8));
    assertEquals("1", YamlNode.read(p).map(Set.of("a")).get("a").string());
  }

  @Test
  void aMergeKeyIsRefusedSayingMergeKeysAreNotSupported() throws IOException {
    Path p = write("""
        base: &base {role: nurse, minutes_per_alert: 2}
        workflow:
          <<: *base
          census: 120
        """);
    BadInputException e = assertThrows(BadInputException.class, () -> YamlNode.read(p));
    assertEquals(p + ": line 3, column 'workflow.<<': merge keys ('<<: *name') are not supported; write the keys out in full", e.getMessage());
  }
}
