package org.tollgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DigestsTest {
  /** NIST FIPS 180-2 example "abc" (also `printf abc | sha256sum`). */
  @Test
  void sha256OfAbcIsTheNistExample() {
    assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Digests.sha256("abc"));
  }

  @Test
  void canonicalJsonSortsKeysAtEveryLevelWhateverTheInsertionOrder() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("z", 1);
    inner.put("a", null);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("verdict", "NO-GO");
    m.put("items", inner);
    m.put("inputs", List.of(Map.of("sha256", "ab", "path", "x.csv")));
    assertEquals("{\"inputs\":[{\"path\":\"x.csv\",\"sha256\":\"ab\"}],\"items\":{\"a\":null,\"z\":1},\"verdict\":\"NO-GO\"}", Digests.canonical(m));
  }

  /**
   * The chain's hash is reproducible outside Java: this value is
   * {@code printf '%064d1:1\n24:2025-01-01T00:00:00.000Z\n3:ana\n14:setting.change\n15:use_case/sepsis\n64:%s\n' 0 $(printf '{"k":0}' | sha256sum | cut -c1-64) | sha256sum}.
   */
  @Test
  void entryHashIsTheDocumentedLengthPrefixedFormat() {
    String digest = Digests.sha256("{\"k\":0}");
    assertEquals("8e17e14ad251e9ae0acb9d78e6deb27233717ca20d9458515eb244f17d89f629",
        AuditLog.hash("0".repeat(64), 1, "2025-01-01T00:00:00.000Z", "ana", "setting.change", "use_case/sepsis", digest));
  }

  /** Lengths are UTF-8 bytes: {@code printf '%064d1:1\n1:x\n5:josé\n1:a\n1:s\n1:d\n' 0 | sha256sum}. */
  @Test
  void fieldLengthsCountUtf8Bytes() {
    assertEquals("10e62238587efa1154439896bb45af85ab63777e9d4a8fef9cb3bffd0cd5ebad", AuditLog.hash("0".repeat(64), 1, "x", "jos\u00e9", "a", "s", "d"));
  }
}
