package org.tollgate.store.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.tollgate.store.AuditLog;
import org.tollgate.store.Reviews;
import org.tollgate.store.Store;

/**
 * Writes the audit trail as FHIR R4 NDJSON: one {@code AuditEvent} per audit entry (type = the action in
 * tollgate's code system, agent = the actor, entity = the subject with the entry's seq, hash, prev_hash
 * and payload digest as details) and one {@code Provenance} per review run (target = the dossier, named
 * by its SHA-256 as {@code urn:sha256:...}; entity = each input by path and SHA-256; agent = the person
 * who ran the review as author, and everyone who attested or decided on the use case as attester or approver).
 */
public final class FhirExport {
  /** Code system of tollgate's audit actions. */
  public static final String ACTIONS = "https://tollgate.dev/fhir/CodeSystem/audit-action";
  private static final String PARTICIPANT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

  private FhirExport() {}

  /** Counts of what {@link #write} wrote. */
  public record Written(int auditEvents, int provenances) {}

  public static Written write(Store store, Writer out) throws IOException {
    IParser json = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(false);
    List<AuditLog.Entry> entries = store.audit().entries();
    Map<String, Map<String, String>> people = new LinkedHashMap<>();
    for (AuditLog.Entry e : entries) {
      if (e.action().equals("attestation") || e.action().equals("decision")) {
        people.computeIfAbsent(e.subject(), k -> new LinkedHashMap<>()).putIfAbsent(e.actor(), e.action().equals("decision") ? "approver" : "attester");
      }
      out.write(json.encodeResourceToString(auditEvent(e)));
      out.write('\n');
    }
    int prov = 0;
    for (Reviews.Run r : store.reviews().all()) {
      out.write(json.encodeResourceToString(provenance(r, people.getOrDefault(Reviews.subject(r.useCaseId()), Map.of()))));
      out.write('\n');
      prov++;
    }
    out.flush();
    return new Written(entries.size(), prov);
  }

  static AuditEvent auditEvent(AuditLog.Entry e) {
    AuditEvent a = new AuditEvent();
    a.setId("tollgate-audit-" + e.seq());
    a.setType(new Coding(ACTIONS, e.action(), e.action()));
    a.setAction(e.action().startsWith("login") ? AuditEvent.AuditEventAction.E : AuditEvent.AuditEventAction.C);
    a.setRecorded(Date.from(Instant.parse(e.time())));
    a.setOutcome(e.action().equals("login.failure") ? AuditEvent.AuditEventOutcome._4 : AuditEvent.AuditEventOutcome._0);
    a.addAgent().setRequestor(true).setWho(new Reference().setDisplay(e.actor())
        .setIdentifier(new Identifier().setSystem("https://tollgate.dev/fhir/user").setValue(e.actor())));
    a.getSource().setSite("tollgate").setObserver(new Reference().setDisplay("tollgate"));
    AuditEvent.AuditEventEntityComponent ent = a.addEntity();
    ent.setWhat(new Reference().setIdentifier(new Identifier().setSystem("https://tollgate.dev/fhir/subject").setValue(e.subject())));
    ent.addDetail().setType("seq").setValue(new org.hl7.fhir.r4.model.StringType(Long.toString(e.seq())));
    ent.addDetail().setType("payload_digest").setValue(new org.hl7.fhir.r4.model.StringType(e.payloadDigest()));
    ent.addDetail().setType("prev_hash").setValue(new org.hl7.fhir.r4.model.StringType(e.prevHash()));
    ent.addDetail().setType("hash").setValue(new org.hl7.fhir.r4.model.StringType(e.hash()));
    return a;
  }

  static Provenance provenance(Reviews.Run r, Map<String, String> others) {
    Provenance p = new Provenance();
    p.setId("tollgate-run-" + r.id());
    p.addTarget(new Reference().setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:sha256:" + r.dossierSha256()))
        .setDisplay("tollgate dossier of review run " + r.id() + " (" + r.useCaseId() + ", " + r.verdict() + ")"));
    p.setRecorded(Date.from(Instant.parse(r.createdAt())));
    p.setActivity(new CodeableConcept(new Coding(ACTIONS, "review.run", "launch review")));
    Set<String> seen = new LinkedHashSet<>();
    agent(p, r.actor(), "author");
    seen.add(r.actor());
    for (Map.Entry<String, String> o : others.entrySet()) {
      if (seen.add(o.getKey())) agent(p, o.getKey(), o.getValue());
    }
    for (Reviews.Input in : r.inputs()) {
      p.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(new Reference()
          .setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:sha256:" + in.sha256()))
          .setDisplay(in.path() + " (" + in.rows() + " rows)"));
    }
    return p;
  }

  private static void agent(Provenance p, String name, String type) {
    p.addAgent().setType(new CodeableConcept(new Coding(PARTICIPANT, type, type)))
        .setWho(new Reference().setDisplay(name).setIdentifier(new Identifier().setSystem("https://tollgate.dev/fhir/user").setValue(name)));
  }
}
