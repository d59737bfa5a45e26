package org.tollgate.cli;

import org.tollgate.ingest.Hashes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tollgate.data.BadInputException;
import org.tollgate.data.InputRecord;
import org.tollgate.gate.ItemResult;
import org.tollgate.ingest.config.ReviewFile;
import org.tollgate.report.DossierJson;
import org.tollgate.report.Json;
import org.tollgate.review.ReviewRunner;
import org.tollgate.review.StoredRuns;
import org.tollgate.store.Digests;
import org.tollgate.store.Reviews;
import org.tollgate.store.Store;

/** Recording a review in the store, and replaying a stored one. */
final class ReviewStore {
  /** Dossier keys that may differ between a run and its replay (the tool's version; the dossier has no clock time), stripped before comparing. */
  static final List<String> VOLATILE = List.of("tool_version", "generated_at");

  private ReviewStore() {}

  static Path yaml(Path dir) {
    return StoredRuns.yaml(dir);
  }

  static ReviewFile withStoredAttestations(ReviewFile rf, Store store, String asOf) {
    return StoredRuns.withStoredAttestations(rf, store, asOf);
  }

  /**
   * Re-runs a stored review from the same inputs and settings, with the attestations stored up to the
   * run's time (later ones are not the run's evidence). Refuses (bad input) when review.yaml or an
   * input is missing or its SHA-256 differs from the stored one; otherwise compares the new dossier with the
   * stored one, minus {@link #VOLATILE} keys. Exit 0 when they match, 3 when they do not.
   */
  static int replay(Store store, String runId, String version, PrintWriter out) throws IOException {
    Reviews.Run run = store.reviews().find(runId);
    if (run == null) throw new BadInputException(runId, "no review run with this id in " + store.url());
    Path dir = Path.of(run.reviewDir());
    Path yaml = yaml(dir);
    if (!Files.isRegularFile(yaml)) throw new BadInputException(yaml.toString(), "the settings of run " + run.id() + " are gone; cannot replay");
    String now = Digests.sha256(Files.readString(yaml));
    if (!now.equals(run.settingsSha256())) {
      throw new BadInputException(yaml.toString(), "changed since run " + run.id() + " (sha256 was " + run.settingsSha256() + ", now " + now
          + "); refusing to replay with different settings");
    }
    for (Reviews.Input in : run.inputs()) {
      Path p = Path.of(in.path());
      if (!p.isAbsolute()) p = yaml.toAbsolutePath().getParent().resolve(p);
      if (Files.isRegularFile(p)) {
        String h = Hashes.input(p);
        if (!h.equals(in.sha256())) {
          throw new BadInputException(in.path(), "changed since run " + run.id() + " (sha256 was " + in.sha256() + ", now " + h
              + "); refusing to replay from different data");
        }
      } else if (!Files.exists(p) && !in.path().contains("*")) {
        throw new BadInputException(in.path(), "input of run " + run.id() + " is gone; cannot replay");
      }
    }
    ReviewRunner.Outcome o = ReviewRunner.run(withStoredAttestations(ReviewFile.read(dir), store, run.createdAt()));
    Map<String, String> stored = new LinkedHashMap<>();
    for (Reviews.Input in : run.inputs()) stored.put(in.path(), in.sha256());
    for (InputRecord in : o.inputs()) {
      String was = stored.get(in.path());
      if (was == null || !was.equals(in.sha256())) {
        throw new BadInputException(in.path(), "does not match run " + run.id() + " (sha256 was " + was + ", now " + in.sha256()
            + "); the replay is not from the same inputs");
      }
    }
    String dossier = Json.MAPPER.writeValueAsString(DossierJson.of(o, version));
    JsonNode a = strip(Json.MAPPER.readTree(run.dossier()));
    JsonNode b = strip(Json.MAPPER.readTree(dossier));
    out.println("Replay of run " + run.id() + " (" + run.useCaseId() + ", recorded " + run.createdAt() + " by " + run.actor() + ")");
    out.println("inputs: " + run.inputs().size() + " verified by SHA-256; settings verified by SHA-256");
    if (!run.toolVersion().equals(version)) out.println("tool version: stored " + run.toolVersion() + ", now " + version);
    out.println("verdict: stored " + run.verdict() + ", replayed " + o.gate().verdict().word());
    List<String> diffs = new ArrayList<>();
    Map<String, Reviews.Item> byId = new LinkedHashMap<>();
    for (Reviews.Item it : run.items()) byId.put(it.id(), it);
    for (ItemResult r : o.gate().items()) {
      Reviews.Item s = byId.remove(r.id());
      if (s == null) diffs.add("item " + r.id() + " is new: " + r.status().word());
      else if (!s.status().equals(r.status().word()) || !s.reason().equals(r.reason())) {
        diffs.add("item " + r.id() + ": stored " + s.status() + " (" + s.reason() + "), replayed " + r.status().word() + " (" + r.reason() + ")");
      }
    }
    for (String id : byId.keySet()) diffs.add("item " + id + " is no longer produced");
    boolean same = a.equals(b) && diffs.isEmpty() && run.verdict().equals(o.gate().verdict().word());
    if (same) {
      out.println("REPRODUCED: same verdict, same " + run.items().size() + " item statuses and reasons, same dossier (apart from "
          + String.join(", ", VOLATILE) + ")");
    } else {
      out.println("NOT REPRODUCED:");
      for (String d : diffs) out.println("  " + d);
      if (diffs.isEmpty()) out.println("  the dossiers differ in their numbers (items agree)");
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("run_id", run.id());
    payload.put("reproduced", same);
    payload.put("dossier_sha256", Digests.sha256(dossier));
    out.println("Audit checkpoint: " + store.audit().append(StoreOptions.actor(), org.tollgate.store.AuditAction.REVIEW_REPLAY, Reviews.subject(run.useCaseId()), payload));
    out.flush();
    return same ? ExitCodes.OK : ExitCodes.HALTED;
  }

  static JsonNode strip(JsonNode n) {
    if (n instanceof ObjectNode o) {
      for (String k : VOLATILE) o.remove(k);
      for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) strip(it.next());
    } else if (n.isArray()) {
      for (JsonNode c : n) strip(c);
    }
    return n;
  }

}
