package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.store.Store;
import org.tollgate.store.StoreScan;

/** review → store → audit verify/show/export, replay, people and roles, through the command line, on an H2 store in a temporary folder. */
class StoreCommandsTest {
  @TempDir Path dir;
  String db;

  record Run(int code, String out, String err) {}

  /** A fresh, empty store's URL; here an H2 file in the temporary folder (a subclass runs the same tests on PostgreSQL). */
  String freshDb() throws Exception {
    return Store.h2File(dir.resolve("db").resolve("store"));
  }

  @BeforeEach
  void setUp() throws Exception {
    db = freshDb();
    StoreOptions.env = Map.of("TOLLGATE_USER", "pm-alex", "TOLLGATE_PASSWORD", "correct horse battery")::get;
  }

  @AfterEach
  void tearDown() {
    StoreOptions.env = System::getenv;
  }

  Run cli(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(args, new PrintWriter(o, true), new PrintWriter(e, true));
    return new Run(code, o.toString(), e.toString());
  }

  /** A review folder whose 200 patients have ids MRN-0000..MRN-0199 and encounters ENC-0000..; the features leak. */
  Path review() throws Exception {
    Path r = dir.resolve("review");
    Files.createDirectories(r);
    List<String> s = new ArrayList<>();
    List<String> f = new ArrayList<>();
    s.add("patient_id,encounter_id,time,score,label,sex");
    f.add("encounter_id,time,lactate_time");
    for (int k = 0; k < 200; k++) {
      int y = k % 5 == 0 ? 1 : 0;
      double v = y == 1 ? (k % 15 == 0 ? 0.3 : 0.8) : (k % 7 == 0 ? 0.7 : 0.2);
      s.add(String.format("MRN-%04d,ENC-%04d,2025-06-01T10:00:00Z,%.2f,%d,%s", k, k, v, y, k % 2 == 0 ? "F" : "M"));
      f.add(String.format("ENC-%04d,2025-06-01T10:00:00Z,%s", k, k < 12 ? "2025-06-01T12:00:00Z" : "2025-06-01T09:00:00Z"));
    }
    Files.write(r.resolve("scores.csv"), s, StandardCharsets.UTF_8);
    Files.write(r.resolve("features.csv"), f, StandardCharsets.UTF_8);
    Files.writeString(r.resolve("review.yaml"), """
        use_case:
          id: sepsis-alert
          title: Sepsis alert
          owner: PM
          intended_use: test
          outputs: [risk score]
        data:
          predictions: scores.csv
          features: features.csv
        evaluation:
          by: [sex]
        provenance:
          approved_systems: [LIS]
          inputs:
            - {name: lactate_last, source_system: LIS, source_field: LACT, timestamp_column: lactate_time}
        """);
    return r;
  }

  String runId(Run r) {
    Matcher m = Pattern.compile("Stored as run ([0-9a-f-]{36})").matcher(r.out());
    assertTrue(m.find(), r.out() + r.err());
    return m.group(1);
  }

  @Test
  void reviewRecordsTheRunAndPrintsItsIdAndTheCheckpoint() throws Exception {
    Run r = cli("review", review().toString(), "--db", db);
    assertEquals(3, r.code(), r.err());
    runId(r);
    assertTrue(r.out().contains("Audit checkpoint: seq 1 sha256 "), r.out());
    Run show = cli("audit", "show", "sepsis-alert", "--db", db);
    assertEquals(0, show.code(), show.err());
    assertTrue(show.out().contains("review.run") && show.out().contains("pm-alex"), show.out());
    Run v = cli("audit", "verify", "--db", db);
    assertEquals(0, v.code());
    assertTrue(v.out().startsWith("INTACT: 1 entries"), v.out());
  }

  @Test
  void anUnusableStoreIsBadInputAndSaysHowToSkipIt() throws Exception {
    Run r = cli("review", review().toString(), "--db", "jdbc:mysql://localhost/x");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unsupported database URL") && r.err().contains("--no-store reviews without the store"), r.err());
  }

  @Test
  void aStoredAttestationIsEvidenceInTheNextReviewButNotInTheReplayOfAnEarlierRun() throws Exception {
    Path rv = review();
    String before = runId(cli("review", rv.toString(), "--db", db));
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", "correct horse battery")::get;
    assertEquals(0, cli("user", "add", "clara", "--role", "clinician", "--db", db).code());
    // without bedside inputs the run states no paper rule: there is nothing for item 3 to sign
    Run noRule = cli("attest", "sepsis-alert", "3", "--as", "clara", "--note", "downtime procedure 4B", "--db", db);
    assertEquals(2, noRule.code());
    assertTrue(noRule.err().contains("there is no paper rule to sign for sepsis-alert: its latest review run (" + before.substring(0, 8) + ") states none"), noRule.err());
    assertEquals(0, cli("attest", "sepsis-alert", "7", "--as", "clara", "--staff-trained", "14", "--db", db).code());
    Run after = cli("review", rv.toString(), "--db", db);
    assertTrue(after.out().contains("14 frontline staff trained by peers without vendor support (attested by clara)"), after.out());
    String afterId = runId(after);
    Run replayBefore = cli("review", "--replay", before, "--db", db);
    assertEquals(0, replayBefore.code(), replayBefore.out() + replayBefore.err());
    assertTrue(replayBefore.out().contains("REPRODUCED"), replayBefore.out());
    Run replayAfter = cli("review", "--replay", afterId, "--db", db);
    assertEquals(0, replayAfter.code(), replayAfter.out() + replayAfter.err());
  }

  @Test
  void noStoreLeavesNoDatabase() throws Exception {
    Run r = cli("review", review().toString(), "--db", db, "--no-store");
    assertEquals(3, r.code(), r.err());
    assertFalse(r.out().contains("Stored as run"));
    assertFalse(Files.exists(dir.resolve("db")));
  }

  @Test
  void theStoreHoldsNoPatientOrEncounterIdAfterAReview() throws Exception {
    assertEquals(3, cli("review", review().toString(), "--db", db).code());
    List<String> text = StoreScan.allText(Store.open(db));
    assertTrue(text.stream().anyMatch(t -> t.equalsIgnoreCase("review_runs.dossier=" + t.substring(t.indexOf('=') + 1))),
        "the scan reads the dossier");
    for (String t : text) {
      assertFalse(t.contains("MRN-"), "patient id stored: " + t.substring(0, Math.min(200, t.length())));
      assertFalse(t.contains("ENC-"), "encounter id stored: " + t.substring(0, Math.min(200, t.length())));
    }
  }

  @Test
  void auditVerifyNamesTheTamperedEntryAndExitsThree() throws Exception {
    Path r = review();
    cli("review", r.toString(), "--db", db);
    cli("review", r.toString(), "--db", db);
    cli("review", r.toString(), "--db", db);
    try (Connection c = DriverManager.getConnection(db); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE audit_log SET payload = REPLACE(payload, 'NO-GO', 'GO') WHERE seq = 2");
    }
    Run v = cli("audit", "verify", "--db", db);
    assertEquals(3, v.code());
    assertTrue(v.out().contains("TAMPERED: first bad entry seq 2: entry seq 2: its payload was changed"), v.out());
  }

  @Test
  void replayReproducesTheStoredVerdictAndItems() throws Exception {
    String id = runId(cli("review", review().toString(), "--db", db));
    Run r = cli("review", "--replay", id.substring(0, 8), "--db", db);
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("verdict: stored NO-GO, replayed NO-GO"), r.out());
    assertTrue(r.out().contains("REPRODUCED"), r.out());
  }

  @Test
  void replayRefusesWhenAnInputChanged() throws Exception {
    Path rv = review();
    String id = runId(cli("review", rv.toString(), "--db", db));
    Files.writeString(rv.resolve("scores.csv"), Files.readString(rv.resolve("scores.csv")).replace(",0.80,", ",0.81,"));
    Run r = cli("review", "--replay", id, "--db", db);
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("scores.csv") && r.err().contains("changed since run " + id), r.err());
  }

  @Test
  void replayRefusesWhenTheSettingsChanged() throws Exception {
    Path rv = review();
    String id = runId(cli("review", rv.toString(), "--db", db));
    Files.writeString(rv.resolve("review.yaml"), Files.readString(rv.resolve("review.yaml")).replace("by: [sex]", "by: [sex]\n  threshold: 0.6"));
    Run r = cli("review", "--replay", id, "--db", db);
    assertEquals(2, r.code(), r.out());
    assertTrue(r.err().contains("review.yaml") && r.err().contains("refusing to replay with different settings"), r.err());
  }

  @Test
  void auditVerifyChecksACheckpointWrittenDown() throws Exception {
    Run rv = cli("review", review().toString(), "--db", db);
    Matcher m = Pattern.compile("Audit checkpoint: (seq \\d+ sha256 [0-9a-f]{64})").matcher(rv.out());
    assertTrue(m.find(), rv.out());
    Run ok = cli("audit", "verify", "--checkpoint", m.group(1), "--db", db);
    assertEquals(0, ok.code(), ok.out() + ok.err());
    Run bad = cli("audit", "verify", "--checkpoint", "1:" + "0".repeat(64), "--db", db);
    assertEquals(3, bad.code());
    assertTrue(bad.out().contains("does not match the checkpoint written down"), bad.out());
  }

  @Test
  void auditCheckpointPublishesTheHeadToAFileThatVerifyChecksAndRefusesATamperedChain() throws Exception {
    Run rv = cli("review", review().toString(), "--db", db);
    assertTrue(rv.code() == 0 || rv.code() == 3, rv.err());
    Path file = dir.resolve("published.txt");
    Run pub = cli("audit", "checkpoint", "--out", file.toString(), "--db", db);
    assertEquals(0, pub.code(), pub.err());
    String head;
    try (Store st = Store.open(db)) {
      org.tollgate.store.AuditLog.Published last = st.audit().lastPublished();
      head = last.checkpoint().toString();
      assertEquals("published.txt", last.where());
      // The publication is itself the newest entry; the published head is the one before it.
      assertEquals(st.audit().checkpoint().seq() - 1, last.checkpoint().seq());
    }
    assertEquals(head, Files.readAllLines(file).get(0));
    assertTrue(pub.out().startsWith("Published checkpoint " + head), pub.out());
    assertEquals(0, cli("audit", "verify", "--checkpoint-file", file.toString(), "--db", db).code());
    // A chain rewritten up to the published head no longer matches the file.
    Files.writeString(file, "1:" + "0".repeat(64) + "\n");
    Run bad = cli("audit", "verify", "--checkpoint-file", file.toString(), "--db", db);
    assertEquals(3, bad.code());
    // A table edited behind the chain's back: verify names it, and nothing is published over it.
    try (Connection c = DriverManager.getConnection(db); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE review_runs SET verdict = 'GO'");
    }
    Run tampered = cli("audit", "verify", "--db", db);
    assertEquals(3, tampered.code());
    assertTrue(tampered.out().contains("verdict is 'GO' in the table but"), tampered.out());
    assertEquals(3, cli("audit", "checkpoint", "--out", dir.resolve("again.txt").toString(), "--db", db).code());
    assertFalse(Files.exists(dir.resolve("again.txt")));
  }

  @Test
  void aPipelineAttestsWithAnApiTokenInsteadOfAPassword() throws Exception {
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", "correct horse battery")::get;
    assertEquals(0, cli("user", "add", "pat", "--role", "product_manager", "--db", db).code());
    Run t = cli("user", "token", "pat", "--label", "ci", "--db", db);
    assertEquals(0, t.code(), t.err());
    String token = t.out().strip();
    assertTrue(token.startsWith("tg_"), token);
    // Attesting and deciding need a registered use case (issue 19 item 6); a review run or the API registers one.
    try (org.tollgate.store.Store st = org.tollgate.store.Store.open(db)) {
      st.reviews().createUseCase("sepsis-alert", "Sepsis alert", "test");
    }
    StoreOptions.env = Map.of("TOLLGATE_TOKEN", token)::get;
    Run a = cli("attest", "sepsis-alert", "peer_training", "--as", "pat", "--staff-trained", "14", "--db", db);
    assertEquals(0, a.code(), a.err());
    Run other = cli("attest", "sepsis-alert", "peer_training", "--as", "someone-else", "--db", db);
    assertEquals(2, other.code());
    assertTrue(other.err().contains("belongs to pat"), other.err());
  }

  @Test
  void peopleChangeTheirPasswordAndAnAdminResetsOneThatMustThenBeChanged() throws Exception {
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", "admin password 1")::get;
    assertEquals(0, cli("user", "add", "ada", "--role", "admin", "--db", db).code());
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", "correct horse battery", "TOLLGATE_ADMIN_PASSWORD", "admin password 1")::get;
    assertEquals(0, cli("user", "add", "pat", "--role", "product_manager", "--db", db, "--as", "ada").code());
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", "correct horse battery", "TOLLGATE_NEW_PASSWORD", "pat's new phrase")::get;
    Run own = cli("user", "password", "pat", "--db", db);
    assertEquals(0, own.code(), own.err());
    assertTrue(own.out().startsWith("Changed the password of pat"), own.out());
    Run again = cli("user", "password", "pat", "--db", db);
    assertEquals(2, again.code(), "the old password no longer logs in");
    assertEquals("tollgate: unknown user or wrong password", again.err().strip());

    StoreOptions.env = Map.of("TOLLGATE_ADMIN_PASSWORD", "admin password 1", "TOLLGATE_NEW_PASSWORD", "temporary pass 1")::get;
    Run reset = cli("user", "password", "pat", "--as", "ada", "--db", db);
    assertEquals(0, reset.code(), reset.err());
    assertTrue(reset.out().contains("they must change it at their next login"), reset.out());
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", "temporary pass 1")::get;
    Run token = cli("user", "token", "pat", "--db", db);
    assertEquals(2, token.code(), "no token for a temporary password");
    assertTrue(token.err().contains("the password of pat is temporary"), token.err());
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", "temporary pass 1", "TOLLGATE_NEW_PASSWORD", "pat's own phrase")::get;
    assertEquals(0, cli("user", "password", "pat", "--db", db).code());
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", "pat's own phrase")::get;
    assertEquals(0, cli("user", "token", "pat", "--db", db).code());
    Path ndjson = dir.resolve("audit-passwords.ndjson");
    assertEquals(0, cli("audit", "export", "--fhir", "--output", ndjson.toString(), "--db", db).code());
    List<String> audit = Files.readAllLines(ndjson);
    assertEquals(2, audit.stream().filter(l -> l.contains("password.change")).count(), "pat's two changes, one AuditEvent each");
    assertEquals(1, audit.stream().filter(l -> l.contains("password.reset")).count(), "ada's reset");
    assertFalse(audit.stream().anyMatch(l -> l.contains("phrase") || l.contains("temporary pass")), "no password in the audit trail");
  }

  @Test
  void theServersPrintedOneTimeAdminPasswordCannotActOnTheCommandLineUntilReplaced() throws Exception {
    java.io.StringWriter printed = new java.io.StringWriter();
    try (org.tollgate.store.Store st = org.tollgate.store.Store.open(db)) {
      org.tollgate.web.Web.bootstrapAdmin(st, null, new java.io.PrintWriter(printed));
    }
    Matcher m = Pattern.compile("shown this once: (\\S+)").matcher(printed.toString());
    assertTrue(m.find(), printed.toString());
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", "correct horse battery", "TOLLGATE_ADMIN_PASSWORD", m.group(1))::get;
    Run add = cli("user", "add", "eve", "--role", "admin", "--db", db, "--as", "admin");
    assertEquals(2, add.code(), add.out());
    assertTrue(add.err().contains("the password of admin is temporary"), add.err());
    try (org.tollgate.store.Store st = org.tollgate.store.Store.open(db)) {
      assertEquals(java.util.Set.of("admin"), st.people().users().keySet(), "no one was added");
    }
  }

  @Test
  void breakGlassOnTheServerHostLetsALockedOutAdminBackInWithATemporaryPassword() throws Exception {
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", "admin password 1")::get;
    assertEquals(0, cli("user", "add", "ada", "--role", "admin", "--db", db).code());
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", "wrong password 1")::get;
    for (int k = 0; k < 6; k++) assertEquals(2, cli("user", "token", "ada", "--db", db).code());
    Run glass = cli("user", "break-glass", "ada", "--db", db);
    assertEquals(0, glass.code(), glass.err());
    Matcher m = Pattern.compile("shown this once: (\\S+)").matcher(glass.out());
    assertTrue(m.find(), glass.out());
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", m.group(1), "TOLLGATE_NEW_PASSWORD", "ada's new phrase")::get;
    assertEquals(2, cli("user", "token", "ada", "--db", db).code(), "the break-glass password is temporary");
    assertEquals(0, cli("user", "password", "ada", "--db", db).code());
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", "ada's new phrase")::get;
    assertEquals(0, cli("user", "token", "ada", "--db", db).code());
    Run show = cli("audit", "verify", "--db", db);
    assertEquals(0, show.code(), show.out());
  }

  @Test
  void peopleAttestAndDecideThroughTheCommandLineWithRoleChecks() throws Exception {
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", "admin password 1")::get;
    assertEquals(0, cli("user", "add", "ada", "--role", "admin", "--db", db).code());
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", "correct horse battery")::get;
    Run noAdmin = cli("user", "add", "eve", "--role", "admin", "--db", db);
    assertEquals(2, noAdmin.code());
    assertTrue(noAdmin.err().contains("needs an admin"), noAdmin.err());
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", "correct horse battery", "TOLLGATE_ADMIN_PASSWORD", "admin password 1")::get;
    assertEquals(0, cli("user", "add", "clara", "--role", "clinician", "--db", db, "--as", "ada").code());
    assertEquals(0, cli("user", "add", "cora", "--role", "compliance_officer", "--db", db, "--as", "ada").code());
    assertEquals(0, cli("user", "add", "chen", "--role", "committee_chair", "--db", db, "--as", "ada").code());
    // The passwords ada chose are temporary (issue 19 item 4): the command line refuses them, as the web does, until replaced.
    Run temporary = cli("attest", "sepsis-alert", "paper_fallback", "--as", "clara", "--db", db);
    assertEquals(2, temporary.code());
    assertEquals("tollgate: the password of clara is temporary: replace it first (tollgate user password clara, or the web app)", temporary.err().strip());
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", "correct horse battery", "TOLLGATE_NEW_PASSWORD", "own passphrase 1")::get;
    for (String u : List.of("clara", "cora", "chen")) assertEquals(0, cli("user", "password", u, "--db", db).code(), u);
    StoreOptions.env = Map.of("TOLLGATE_PASSWORD", "own passphrase 1", "TOLLGATE_ADMIN_PASSWORD", "admin password 1")::get;
    // Attesting and deciding need a registered use case (issue 19 item 6); a review run or the API registers one.
    try (org.tollgate.store.Store st = org.tollgate.store.Store.open(db)) {
      st.reviews().createUseCase("sepsis-alert", "Sepsis alert", "test");
    }
    Run ok = cli("attest", "sepsis-alert", "peer_training", "--as", "clara", "--staff-trained", "12", "--note", "ward 4B", "--db", db);
    assertEquals(0, ok.code(), ok.err());
    Run wrong = cli("attest", "sepsis-alert", "business_model", "--as", "clara", "--db", db);
    assertEquals(2, wrong.code());
    assertTrue(wrong.err().contains("may not attest business_model; that needs compliance_officer"), wrong.err());
    // cora may, but no run has stated the business model yet: nothing to sign, nothing recorded
    Run nothing = cli("attest", "sepsis-alert", "6", "--as", "cora", "--db", db);
    assertEquals(2, nothing.code());
    assertTrue(nothing.err().contains("there is no statement of the business model to sign for sepsis-alert: it has no review run yet"), nothing.err());
    Run notChair = cli("decide", "sepsis-alert", "approve", "--as", "cora", "--db", db);
    assertEquals(2, notChair.code());
    // no run yet: nothing to approve, but the chair can set a re-review
    Run noRun = cli("decide", "sepsis-alert", "approve-with-contingencies", "--as", "chen", "--conditions", "volume guardrail", "--review-date", "2027-01-01", "--db", db);
    assertEquals(2, noRun.code());
    assertTrue(noRun.err().contains("there is no review run of sepsis-alert to approve"), noRun.err());
    Run d = cli("decide", "sepsis-alert", "re-review", "--as", "chen", "--conditions", "volume guardrail",
        "--review-date", "2027-01-01", "--db", db);
    assertEquals(0, d.code(), d.err());
    Run show = cli("audit", "show", "sepsis-alert", "--db", db);
    assertTrue(show.out().contains("attestation") && show.out().contains("decision"), show.out());
    Path ndjson = dir.resolve("audit.ndjson");
    Run x = cli("audit", "export", "--fhir", "--output", ndjson.toString(), "--db", db);
    assertEquals(0, x.code(), x.err());
    List<String> lines = Files.readAllLines(ndjson);
    // 4 user.add, 3 password changes, the use case's registration, 1 attestation, 1 decision, and the refused
    // attestation and decision; no review run, so no Provenance
    assertEquals(12, lines.size());
    assertEquals(1, lines.stream().filter(l -> l.contains("attestation.refused")).count(), "clara's refused business_model attestation");
    assertEquals(1, lines.stream().filter(l -> l.contains("decision.refused")).count(), "cora's refused decision");
    assertTrue(lines.get(0).contains("\"resourceType\":\"AuditEvent\""));
    assertEquals(0, cli("audit", "verify", "--db", db).code());
  }
}
