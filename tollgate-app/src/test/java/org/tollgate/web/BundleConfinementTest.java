package org.tollgate.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.cli.Main;

/**
 * Issue 19 item 1: every file a review.yaml names — of every kind, under every key — is confined to the review folder by
 * one resolver, and neither an error nor a dossier shows file content or a server path. Each attack here was replayed
 * against the server before the fix: {@code trade_offs.data}, {@code behavior.log} and {@code behavior.encounters} were
 * not checked at all, and a YAML tag ({@code !!int}) made the upload's own check skip a path the reader then opened.
 */
class BundleConfinementTest {
  @TempDir static Path dir;
  static WebFixture f;
  static String pat;
  static String yaml;

  @BeforeAll
  static void start() throws Exception {
    f = new WebFixture(dir);
    pat = f.token("pat");
    yaml = Files.readString(f.review.resolve("review.yaml"));
  }

  @AfterAll
  static void stop() {
    if (f != null) f.close();
  }

  /** The fixture's bundle with review.yaml replaced by {@code text} (its data files kept). */
  static byte[] bundleWith(String text) throws Exception {
    Path d = Files.createTempDirectory(dir, "b");
    try (Stream<Path> s = Files.list(f.review)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) Files.copy(p, d.resolve(p.getFileName()));
    }
    Files.writeString(d.resolve("review.yaml"), text);
    return WebFixture.zip(d);
  }

  static void assertRefusedWithoutLeaks(HttpResponse<String> r, String what) throws Exception {
    assertEquals(400, r.statusCode(), what + ": " + r.body());
    String m = WebFixture.json(r).get("error").asText();
    assertFalse(m.contains("root:"), what + " leaked /etc/passwd: " + m);
    assertFalse(m.contains(dir.toString()), what + " named a server path: " + m);
    assertFalse(m.contains("/uploads"), what + " named the uploads folder: " + m);
  }

  @Test
  void trade_offs_data_behavior_log_and_behavior_encounters_outside_the_bundle_are_refused() throws Exception {
    String trade = "trade_offs:\n  data: %s\n  measures:\n    - {column: minutes, better: lower}\n";
    String behaviorLog = "behavior:\n  log: %s\n  task: assessment\n  designed_for: during\n";
    String behaviorEnc = "behavior:\n  log: scores.parquet\n  encounters: %s\n  task: assessment\n  designed_for: during\n";
    for (String block : List.of(trade, behaviorLog, behaviorEnc)) {
      for (String target : List.of("/etc/passwd", "../../../../../../etc/passwd", "../" + "x/scores.parquet")) {
        HttpResponse<String> r = f.postZip(pat, bundleWith(yaml + "\n" + block.formatted(target)));
        assertRefusedWithoutLeaks(r, block.lines().findFirst().orElseThrow() + " " + target);
        assertTrue(WebFixture.json(r).get("error").asText().contains("outside the review folder"), r.body());
      }
    }
  }

  @Test
  void a_yaml_tag_on_a_path_is_refused_instead_of_skipping_the_check() throws Exception {
    for (String tagged : List.of("!!int /etc/passwd", "!!str /etc/passwd", "!!binary L2V0Yy9wYXNzd2Q=", "!local scores.parquet")) {
      HttpResponse<String> r = f.postZip(pat, bundleWith(yaml.replace("predictions: scores.parquet", "predictions: " + tagged)));
      assertRefusedWithoutLeaks(r, tagged);
    }
  }

  @Test
  void another_teams_uploaded_file_cannot_be_named_from_a_second_bundle() throws Exception {
    HttpResponse<String> first = f.postZip(pat, f.bundle);
    assertEquals(201, first.statusCode(), first.body());
    Path uploads = dir.resolve("uploads");
    String other;
    try (Stream<Path> s = Files.list(uploads)) {
      other = s.filter(Files::isDirectory).findFirst().orElseThrow().getFileName().toString();
    }
    // (Its data files are deleted once its run is stored, by default; the path is refused whether or not they are there.)
    for (String key : List.of("predictions: scores.parquet", "events: events.parquet")) {
      String file = key.substring(key.indexOf(' ') + 1);
      HttpResponse<String> r = f.postZip(pat, bundleWith(yaml.replace(key, key.substring(0, key.indexOf(' ')) + " ../" + other + "/" + file)));
      assertRefusedWithoutLeaks(r, key);
      assertTrue(WebFixture.json(r).get("error").asText().contains("outside the review folder"), r.body());
    }
  }

  @Test
  void a_symbolic_link_out_of_a_review_folder_is_refused_by_the_cli_too() throws Exception {
    Path d = Files.createDirectories(dir.resolve("linked"));
    try (Stream<Path> s = Files.list(f.review)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) Files.copy(p, d.resolve(p.getFileName()));
    }
    Path outside = Files.copy(f.review.resolve("scores.parquet"), dir.resolve("elsewhere.parquet"));
    Files.delete(d.resolve("scores.parquet"));
    Files.createSymbolicLink(d.resolve("scores.parquet"), outside);
    StringWriter err = new StringWriter();
    int rc = Main.run(new String[] {"review", d.toString(), "--no-store"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertEquals(2, rc, err.toString());
    assertTrue(err.toString().contains("'scores.parquet' is a link to a file outside the review folder"), err.toString());
    assertFalse(Files.exists(d.resolve("out/dossier.json")));
  }

  @Test
  void errors_and_the_dossier_of_an_upload_name_files_relative_to_the_bundle() throws Exception {
    HttpResponse<String> missing = f.postZip(pat, bundleWith(yaml.replace("predictions: scores.parquet", "predictions: nowhere.parquet")));
    assertRefusedWithoutLeaks(missing, "missing file");
    assertTrue(WebFixture.json(missing).get("error").asText().startsWith("review.yaml: line "), missing.body());
    assertTrue(WebFixture.json(missing).get("error").asText().contains("file not found: nowhere.parquet"), missing.body());

    HttpResponse<String> ok = f.postZip(pat, f.bundle);
    assertEquals(201, ok.statusCode(), ok.body());
    String run = WebFixture.json(ok).get("run_id").asText();
    String dossier = f.get("/api/v1/runs/" + run + "/dossier", pat).body();
    assertFalse(dossier.contains(dir.toString()), "the dossier names a server path");
    assertTrue(dossier.matches("(?s).*\"path\"\\s*:\\s*\"scores.parquet\".*"), "inputs are named relative to the bundle");
    assertFalse(new String(f.getBytes("/api/v1/runs/" + run + "/dossier.html", pat).body(), StandardCharsets.UTF_8).contains(dir.toString()));
  }
}
