package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A place tollgate cannot write is bad input (exit 2) that says what is wrong and where, found before the work
 * (issue 19 item 9); a read-only file is never replaced, even by root. The checks test the permission bits, so
 * they hold whether the tests run as root or not.
 */
class OutputProblemsTest {
  @TempDir Path dir;

  private Path scores() throws Exception {
    List<String> s = new ArrayList<>();
    s.add("patient_id,encounter_id,time,score,label,unit");
    for (int k = 0; k < 40; k++) {
      s.add(String.format("P%03d,E%03d,2025-05-01T10:00:00Z,%.2f,%d,%s", k, k, (k % 10) / 10.0, k % 4 == 0 ? 1 : 0, k % 2 == 0 ? "a" : "b"));
    }
    Path p = dir.resolve("scores.csv");
    Files.write(p, s, StandardCharsets.UTF_8);
    return p;
  }

  private Path readOnlyFolder(String name) throws Exception {
    Path ro = Files.createDirectories(dir.resolve(name));
    Files.setPosixFilePermissions(ro, PosixFilePermissions.fromString("r-xr-xr-x"));
    return ro;
  }

  private static void badInput(InspectCommandTest.Run r, String expected) {
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains(expected), r.err());
    assertFalse(r.err().contains("internal error"), r.err());
  }

  @Test
  void outputIntoAReadOnlyFolderIsBadInputNamingTheFolder() throws Exception {
    Path ro = readOnlyFolder("ro");
    InspectCommandTest.Run r = InspectCommandTest.run("evaluate", scores().toString(), "-o", ro.resolve("x.json").toString());
    badInput(r, ro.resolve("x.json") + ": the output folder " + ro + " is read-only");
    try (var s = Files.list(ro)) {
      assertEquals(0, s.count());
    }
  }

  @Test
  void outputOntoAnExistingFolderIsBadInput() throws Exception {
    Path d = Files.createDirectories(dir.resolve("a-folder"));
    InspectCommandTest.Run r = InspectCommandTest.run("evaluate", scores().toString(), "-o", d.toString());
    badInput(r, d + ": is a folder; give the name of a file to write");
  }

  @Test
  void aReadOnlyReportIsNeverReplaced() throws Exception {
    Path f = dir.resolve("kept.json");
    Files.writeString(f, "keep me\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
    InspectCommandTest.Run r = InspectCommandTest.run("evaluate", scores().toString(), "-o", f.toString());
    badInput(r, f + ": is read-only; tollgate does not replace a read-only file");
    assertEquals("keep me\n", Files.readString(f));
  }

  @Test
  void outputIntoAMissingFolderIsBadInput() throws Exception {
    Path target = dir.resolve("nowhere").resolve("x.json");
    InspectCommandTest.Run r = InspectCommandTest.run("evaluate", scores().toString(), "-o", target.toString());
    badInput(r, target + ": the output folder " + target.getParent() + " does not exist");
  }

  @Test
  void aChecklistFolderUnderAReadOnlyFolderIsBadInputBeforeTheDrill() throws Exception {
    Path ro = readOnlyFolder("ro-drill");
    Path events = dir.resolve("events.csv");
    Files.writeString(events, "encounter_id,time,type\nE000,2025-05-01T11:00:00Z,sepsis_onset\n");
    Path outages = dir.resolve("outages.csv");
    Files.writeString(outages, "start,end,system\n2025-05-01T02:30:00Z,2025-05-01T03:30:00Z,ehr\n");
    Path policy = dir.resolve("policy.yaml");
    Files.writeString(policy, "policies:\n  - name: p\n    threshold: 0.5\noutcome: {type: sepsis_onset}\n");
    Path checklist = ro.resolve("sub").resolve("chk");
    InspectCommandTest.Run r = InspectCommandTest.run("drill", "--scores", scores().toString(), "--events", events.toString(),
        "--outages", outages.toString(), "--policy", policy.toString(), "--checklist-dir", checklist.toString());
    badInput(r, checklist + ": cannot create the output folder: " + ro + " is read-only");
  }

  /** A review folder with valid settings; the data are never read when the output place is refused first. */
  private Path review(String yamlExtra) throws Exception {
    Path r = Files.createDirectories(dir.resolve("review"));
    scores();
    Files.copy(dir.resolve("scores.csv"), r.resolve("scores.csv"));
    Files.writeString(r.resolve("review.yaml"), """
        use_case:
          id: out-test
          title: Output test
          owner: PM
          intended_use: test
          outputs: [risk score]
        data:
          predictions: scores.csv
        """ + yamlExtra);
    return r;
  }

  @Test
  void aFileNamedOutInTheReviewFolderIsBadInputBeforeTheReview() throws Exception {
    Path r = review("");
    Files.writeString(r.resolve("out"), "not a folder\n");
    InspectCommandTest.Run run = InspectCommandTest.run("review", r.toString(), "--no-store");
    badInput(run, r.resolve("out") + ": is a file, not a folder");
    assertEquals("not a folder\n", Files.readString(r.resolve("out")));
  }

  @Test
  void aReadOnlyOutFolderIsBadInputBeforeTheReview() throws Exception {
    Path r = review("");
    Path out = Files.createDirectories(r.resolve("out"));
    Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r-xr-xr-x"));
    InspectCommandTest.Run run = InspectCommandTest.run("review", r.toString(), "--no-store");
    badInput(run, out + ": the output folder is read-only");
  }

  @Test
  void aReadOnlyDossierIsNotReplacedByTheReview() throws Exception {
    Path r = review("");
    Path out = Files.createDirectories(r.resolve("out"));
    Files.writeString(out.resolve("dossier.pdf"), "signed copy\n");
    Files.setPosixFilePermissions(out.resolve("dossier.pdf"), PosixFilePermissions.fromString("r--r--r--"));
    InspectCommandTest.Run run = InspectCommandTest.run("review", r.toString(), "--no-store");
    badInput(run, out.resolve("dossier.pdf") + ": is read-only");
    assertEquals("signed copy\n", Files.readString(out.resolve("dossier.pdf")));
    assertFalse(Files.exists(out.resolve("dossier.json")), "nothing written before the refusal");
  }

  @Test
  void aDuplicatedKeyInReviewYamlIsExitTwoNamingTheLine() throws Exception {
    Path r = review("""
        evaluation:
          threshold: 0.5
          threshold: 0.9
        """);
    InspectCommandTest.Run run = InspectCommandTest.run("review", r.toString(), "--no-store");
    badInput(run, "review.yaml: line 11, column 'evaluation.threshold': key 'threshold' appears twice in this mapping (first on line 10)");
  }
  /**
   * Issue 19 item 14: a review refused for bad data does not leave an empty store behind; the store is created only
   * to record a run that succeeded.
   */
  @Test
  void aReviewRefusedForBadDataCreatesNoStore() throws Exception {
    Path r = review("");
    Files.writeString(r.resolve("scores.csv"), "patient_id,encounter_id,time,score,label,unit\nP1,E1,2025-05-01T10:00:00Z,high,1,a\n");
    Path db = dir.resolve("new-store");
    InspectCommandTest.Run run = InspectCommandTest.run("review", r.toString(), "--db", "jdbc:h2:file:" + db);
    badInput(run, "row 1, column 'score': 'high' is not a number");
    assertFalse(Files.exists(dir.resolve("new-store.mv.db")), "no store file");
  }
  /**
   * Issue 19 item 12: a byte that is not UTF-8 in an attribute column gives the message inspect gives (evaluate --by
   * failed with DuckDB's "INTERNAL Error: Attempted to access index 5 within vector of size 5"). Line 6 is the 5th data row.
   */
  @Test
  void aNonUtf8AttributeValueIsBadInputNamingItsLineInEvaluateAsInInspect() throws Exception {
    Path f = dir.resolve("latin1.csv");
    StringBuilder b = new StringBuilder("patient_id,encounter_id,time,score,label,unit\n");
    for (int k = 0; k < 9; k++) {
      b.append(String.format("P%d,E%d,2025-05-01T10:00:00Z,0.%d,%d,%s%n", k, k, k, k % 2, k == 4 ? "caf\u00e9" : "ward" + k % 3));
    }
    Files.write(f, b.toString().getBytes(StandardCharsets.ISO_8859_1));
    InspectCommandTest.Run inspect = InspectCommandTest.run("inspect", f.toString(), "--attributes", "unit");
    badInput(inspect, f + ": line 6: not valid UTF-8 text");
    InspectCommandTest.Run evaluate = InspectCommandTest.run("evaluate", f.toString(), "--by", "unit");
    badInput(evaluate, f + ": line 6: not valid UTF-8 text");
  }
}
