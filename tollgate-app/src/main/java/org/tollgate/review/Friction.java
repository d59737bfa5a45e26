package org.tollgate.review;

import java.util.List;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.InputRecord;
import org.tollgate.friction.FrictionAudit;
import org.tollgate.friction.FrictionReport;
import org.tollgate.friction.FrictionSettings;
import org.tollgate.friction.InteractionLog;
import org.tollgate.gate.GateInputs;
import org.tollgate.ingest.InteractionLogReader;
import org.tollgate.ingest.config.ReviewFile;

/** Item 4's evidence: the friction audit of the review's interaction log. */
final class Friction {
  private Friction() {}

  /** The friction audit of the review's interaction log; null when the review has none (item 4 is then missing). */
  static FrictionReport audit(ReviewFile r, List<InputRecord> inputs) {
    if (r.data().interactions() == null) return null;
    FrictionSettings d = FrictionSettings.defaults();
    double hours = r.workflow() == null ? d.hoursPerFte() : r.workflow().hoursPerFte();
    FrictionSettings s = new FrictionSettings(d.bootstrap(), r.evaluation().seed(), d.sessionGapMillis(), hours, null, d.zone());
    InteractionLog log = InteractionLogReader.read(r.data().interactions());
    FrictionReport rep = FrictionAudit.run(log, s);
    if (rep.source() != null) {
      inputs.add(new InputRecord(rep.source().path(), rep.source().format(), rep.source().sha256(), rep.source().rows(), 0, ColumnMapping.defaults()));
    }
    return rep;
  }

  /** Item 4's evidence from the audit; null without one. */
  static GateInputs.FrictionEvidence evidence(FrictionReport rep) {
    if (rep == null) return null;
    FrictionReport.TimeOnTask t = rep.timeOnTask();
    long needed = 0;
    if (t.power() != null) {
      needed = Math.max(t.power().morePreSessions() == null ? 0 : t.power().morePreSessions(),
          t.power().morePostSessions() == null ? 0 : t.power().morePostSessions());
    }
    List<GateInputs.RoleShift> shifts = rep.roles().stream().filter(l -> rep.redistributedTo().contains(l.role()))
        .map(l -> new GateInputs.RoleShift(l.role(), l.deltaSeconds().estimate(), l.deltaSeconds().lower(), l.deltaSeconds().upper(),
            rep.post().days() > 0 ? (double) l.postSessions() / rep.post().days() : Double.NaN)).toList();
    return new GateInputs.FrictionEvidence(t.verdict(), t.deltaSeconds().estimate(), t.deltaSeconds().lower(), t.deltaSeconds().upper(),
        needed, rep.source() == null ? null : rep.source().sha256(), shifts);
  }
}
