package org.tollgate.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;
import java.util.Map;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.data.InputRecord;
import org.tollgate.gate.GateResult;
import org.tollgate.gate.ItemResult;
import org.tollgate.gate.UseCase;
import org.tollgate.review.ReviewRunner;

/** The {@code tollgate.dossier/v1} document a review writes to {@code DIR/out/dossier.json}. */
public final class DossierJson {
  public static final String SCHEMA = "tollgate.dossier/v1";

  private DossierJson() {}

  public static ObjectNode of(ReviewRunner.Outcome o, String toolVersion) {
    ObjectNode d = Json.MAPPER.createObjectNode();
    d.put("schema", SCHEMA);
    d.put("tool_version", toolVersion);
    UseCase u = o.review().useCase();
    ObjectNode uc = d.putObject("use_case");
    uc.put("id", u.id());
    uc.put("title", u.title());
    uc.put("owner", u.owner());
    uc.put("intended_use", u.intendedUse());
    strings(uc.putArray("intended_users"), u.intendedUsers());
    uc.put("target_population", u.targetPopulation());
    uc.put("decision_role", u.decisionRole() == null ? null : u.decisionRole().name().toLowerCase(java.util.Locale.ROOT));
    strings(uc.putArray("out_of_scope"), u.outOfScope());
    strings(uc.putArray("outputs"), u.outputs());
    GateResult g = o.gate();
    d.put("verdict", g.verdict().word());
    d.put("fatal_flaw", g.fatalFlaw());
    ArrayNode items = d.putArray("items");
    for (ItemResult r : g.items()) {
      ObjectNode i = items.addObject();
      i.put("id", r.id());
      i.put("title", r.title());
      i.put("status", r.status().word());
      i.put("reason", r.reason());
      i.set("evidence", evidence(r.evidence()));
      i.put("fix", r.fix());
    }
    ObjectNode reg = d.putObject("regulatory_path");
    reg.put("clinical_validation_burden", g.regulatory().validationBurden());
    reg.put("clinical_validation_reason", g.regulatory().validationReason());
    reg.put("data_provenance_clarity", g.regulatory().provenanceClarity());
    reg.put("data_provenance_reason", g.regulatory().provenanceReason());
    reg.put("fallback_existence", g.regulatory().fallbackExistence());
    reg.put("fallback_reason", g.regulatory().fallbackReason());
    reg.put("defensibility", g.regulatory().defensibility());
    ArrayNode in = d.putArray("inputs");
    for (InputRecord r : o.inputs()) {
      ObjectNode x = in.addObject();
      x.put("path", r.path());
      x.put("format", r.format());
      x.put("sha256", r.sha256());
      x.put("rows", r.rows());
    }
    d.set("evaluation", o.evaluation() == null ? null : EvaluationJson.of(o.evaluation()));
    if (o.policies().isEmpty()) {
      d.putNull("simulation");
    } else {
      ObjectNode sim = d.putObject("simulation");
      sim.put("chosen_policy", o.review().chosenPolicy());
      ArrayNode ps = sim.putArray("policies");
      for (PolicyReport p : o.policies()) ps.add(SimulationJson.policy(p, o.review().limits().minCell()));
      if (o.search() != null) {
        sim.put("policies_explored", o.search().all().size());
        ArrayNode front = sim.putArray("pareto");
        o.search().pareto().forEach(p -> front.add(SimulationJson.policy(p, o.review().limits().minCell())));
        if (o.search().best() == null) sim.putNull("best_within_budget");
        else sim.set("best_within_budget", SimulationJson.policy(o.search().best(), o.review().limits().minCell()));
      }
    }
    return d;
  }

  static JsonNode evidence(Map<String, Object> e) {
    return Json.MAPPER.valueToTree(sanitize(e));
  }

  private static Object sanitize(Object v) {
    if (v instanceof Double x && !Double.isFinite(x)) return null;
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.LinkedHashMap<>();
      m.forEach((k, x) -> out.put(String.valueOf(k), sanitize(x)));
      return out;
    }
    if (v instanceof Collection<?> c) return c.stream().map(DossierJson::sanitize).toList();
    return v;
  }

  private static void strings(ArrayNode a, Collection<String> s) {
    s.forEach(a::add);
  }
}
