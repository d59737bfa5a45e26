package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void sepsisWritesAllFilesAndPrintsASummary() {
    Path dir = tmp.resolve("sep");
    Run r = run("generate", "sepsis", "--encounters", "40", "--seed", "3", "--out", dir.toString(), "--format", "csv");
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("cohort.json", "encounters.csv", "events.csv", "features.csv", "outages.csv", "scores.csv"), listing(dir));
    assertTrue(r.out().contains("Wrote sepsis cohort: 40 encounters, seed 3"), r.out());
    assertTrue(r.out().matches("(?s).*scores\\.csv\\s+[\\d,]+ rows.*"), r.out());
    assertEquals("", r.err(), "no progress lines for a short run when stderr is not a terminal");
  }

  @Test
  void parquetIsTheDefaultFormat() {
    Path dir = tmp.resolve("pq");
    assertEquals(0, run("generate", "sepsis", "--encounters", "10", "--out", dir.toString()).code());
    assertTrue(Files.exists(dir.resolve("scores.parquet")));
  }

  @Test
  void nonEmptyOutputDirectoryIsRefusedWithExitTwoUnlessForced() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("taken"));
    Files.writeString(dir.resolve("keep.txt"), "x");
    Run refused = run("generate", "sepsis", "--encounters", "5", "--out", dir.toString());
    assertEquals(2, refused.code());
    assertTrue(refused.err().contains("not empty") && refused.err().contains("--force"), refused.err());
    assertTrue(Files.exists(dir.resolve("keep.txt")));

    Run forced = run("generate", "sepsis", "--encounters", "5", "--out", dir.toString(), "--force");
    assertEquals(0, forced.code(), forced.err());
    assertFalse(Files.exists(dir.resolve("keep.txt")));
  }

  @Test
  void badArgumentsExitTwoWithAMessageNamingTheOption() {
    String out = tmp.resolve("x").toString();
    assertBad("--encounters", run("generate", "sepsis", "--out", out));
    assertBad("--encounters", run("generate", "sepsis", "--encounters", "0", "--out", out));
    assertBad("--encounters", run("generate", "sepsis", "--encounters", "many", "--out", out));
    assertBad("--prevalence", run("generate", "sepsis", "--encounters", "5", "--prevalence", "1.5", "--out", out));
    assertBad("--format", run("generate", "sepsis", "--encounters", "5", "--format", "xlsx", "--out", out));
    assertBad("--start", run("generate", "sepsis", "--encounters", "5", "--start", "yesterday", "--out", out));
    assertBad("--days", run("generate", "sepsis", "--encounters", "5", "--days", "0", "--out", out));
    assertFalse(Files.exists(tmp.resolve("x")), "nothing written after a bad argument");
  }

  @Test
  void generateWithoutACohortNameExitsTwoAndListsTheCohorts() {
    Run r = run("generate");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("sepsis"), r.err());
    Run unknown = run("generate", "dermatology", "--encounters", "5");
    assertEquals(2, unknown.code());
  }

  @Test
  void startAcceptsADateOrAnInstant() throws IOException {
    Path a = tmp.resolve("a");
    assertEquals(0, run("generate", "sepsis", "--encounters", "3", "--start", "2030-02-01", "--days", "10",
        "--format", "csv", "--out", a.toString()).code());
    assertTrue(Files.readAllLines(a.resolve("encounters.csv")).get(1).contains(",2030-02-"));
    Path b = tmp.resolve("b");
    assertEquals(0, run("generate", "sepsis", "--encounters", "3", "--start", "2030-02-01T06:00:00Z",
        "--format", "csv", "--out", b.toString()).code());
  }

  @Test
  void progressFlagDrawsABarOnStderr() {
    Run r = run("generate", "sepsis", "--encounters", "20", "--progress", "--out", tmp.resolve("p").toString());
    assertEquals(0, r.code());
    assertTrue(r.err().contains("100%") && r.err().contains("done"), r.err());
  }

  private static void assertBad(String option, Run r) {
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains(option), "message names " + option + ": " + r.err());
  }

  private static List<String> listing(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
