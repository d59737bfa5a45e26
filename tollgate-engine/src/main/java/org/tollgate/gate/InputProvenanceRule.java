package org.tollgate.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tollgate.evaluation.SmallCells;
import org.tollgate.format.Units;

/**
 * Checklist item 1: every model input has an approved, timestamped source, and no value was recorded
 * after the prediction it fed (future leakage fails without a fix).
 */
final class InputProvenanceRule implements Rule {
  static final String TITLE = "Decision logic reconstructable from auditable data";

  @Override public String id() { return "1"; }
  @Override public String title() { return TITLE; }
  @Override public Set<Evidence> needs() { return Set.of(Evidence.PROVENANCE); }

  @Override
  public ItemResult judge(GateInputs in, GateLimits lim) {
    Provenance.Result p = in.provenance();
    if (p == null || p.findings().isEmpty()) {
      return ItemResult.missing(id(), TITLE, "no provenance manifest: the inputs' sources and timestamps are unknown",
          "write the provenance manifest: for each model input its source system, source field and source timestamp column");
    }
    Map<String, Object> ev = new LinkedHashMap<>();
    ev.put("inputs", p.findings().size());
    ev.put("data_checked", p.dataChecked());
    if (p.dataSha256() != null) ev.put("data_sha256", p.dataSha256());
    for (Provenance.Finding f : p.findings()) {
      if (f.futureTimestamps() > 0) {
        ev.put("feature", f.input().name());
        // the count is a patient count: withheld (null) from 1 to minCell − 1, like every other count
        ItemResult.putShown(ev, "future_values", f.futureTimestamps(), SmallCells.withheld(f.futureTimestamps(), lim.minCell()));
        ev.put("max_future_seconds", f.maxFutureSeconds());
        return ItemResult.fail(id(), TITLE, "input '" + f.input().name() + "' " + f.problem(), ev, null, "The model sees the future: "
            + SmallCells.phrase(f.futureTimestamps(), lim.minCell(), "value") + " of '" + f.input().name()
            + "' were recorded after the prediction they fed (up to " + Units.duration(f.maxFutureSeconds())
            + " later), so its accuracy cannot be trusted and its decisions cannot be reconstructed.");
      }
    }
    List<String> bad = new ArrayList<>();
    for (Provenance.Finding f : p.findings()) if (f.problem() != null) bad.add("'" + f.input().name() + "' " + f.problem());
    if (!bad.isEmpty()) {
      ev.put("problems", bad);
      return ItemResult.fail(id(), TITLE, "input " + bad.get(0) + (bad.size() > 1 ? " (and " + (bad.size() - 1) + " more)" : ""), ev, null,
          "The decision logic cannot be reconstructed from auditable data: input " + bad.get(0) + ".");
    }
    if (!p.dataChecked()) {
      return ItemResult.missing(id(), TITLE, "the manifest names a source for every input, but no feature data were given to check the timestamps",
          "add the feature file with each value's source timestamp (data.features) so leakage can be checked");
    }
    return ItemResult.pass(id(), TITLE, "all " + Units.count(p.findings().size(), "input") + " have an approved source and a timestamp no later than the prediction", ev);
  }
}
