package org.tollgate.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.tollgate.store.AuditLog;

/** One line about an audit entry, for the CLI's history and the web app's audit page. */
public final class AuditSummary {
  private AuditSummary() {}

  /** The fields a committee reads first (verdict, run, item, role, outcome, …); the raw payload when it has none of them. */
  public static String of(AuditLog.Entry e) {
    try {
      JsonNode p = Json.MAPPER.readTree(e.payload());
      StringBuilder b = new StringBuilder();
      for (String k : List.of("verdict", "run_id", "item", "role", "outcome", "conditions", "review_date", "reproduced", "fatal_flaw")) {
        JsonNode v = p.get(k);
        if (v != null && !v.isNull()) b.append(b.length() == 0 ? "" : "; ").append(k.replace('_', ' ')).append(' ').append(v.asText());
      }
      return b.length() == 0 ? e.payload() : b.toString();
    } catch (JsonProcessingException ex) {
      return e.payload();
    }
  }
}
