package org.tollgate.store.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.tollgate.store.AuditAction;
import org.tollgate.store.AuditLog;
import org.tollgate.store.Reviews;
import org.tollgate.store.Store;

/**
 * Writes the audit trail as FHIR R4 NDJSON: one {@code AuditEvent} per audit entry and one {@code Provenance}
 * per review run. Every resource validates against R4 with HAPI FHIR's validator (no errors; the test module
 * {@code tollgate-fhir-conformance} checks it).
 *
 * <p>AuditEvent: {@code type} is a DICOM audit event type (DCM 110100 Application Activity for review work,
 * 110114 User Authentication for logins, passwords and tokens, 110113 Security Alert for user and role changes),
 * {@code subtype} is tollgate's own action ({@link AuditAction}, system {@link #ACTIONS}, published by {@link #codeSystem()}); {@code action}
 * is C, U, D or E by what the action did; {@code outcome} is 4 (minor failure) for a refused attestation or
 * decision and a failed login, 0 otherwise; the entity is the use case, and the review run when the entry names
 * one ({@code run_id}), with the entry's seq, hash, prev_hash and payload digest as details.
 *
 * <p>Provenance: target = the dossier, named by its SHA-256 as {@code urn:sha256:...}; entity = each input by
 * its SHA-256; agents = the person who ran the review (author), each person whose attestation on the use case
 * was recorded up to the run's time (attester: the run's evidence) and each committee chair who decided on this
 * run (verifier); the role each acted in is in {@code agent.role}. Nobody who acted only after the run on
 * another run is listed.
 */
public final class FhirExport {
  /** Code system of tollgate's audit actions. */
  public static final String ACTIONS = "https://tollgate.dev/fhir/CodeSystem/audit-action";
  private static final String PARTICIPANT = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
  private static final String DICOM = "http://dicom.nema.org/resources/ontology/DCM";
  private static final String USER = "https://tollgate.dev/fhir/user";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A DICOM audit event type (PS3.16, CID 400). */
  enum EventType {
    APPLICATION_ACTIVITY("110100", "Application Activity"),
    SECURITY_ALERT("110113", "Security Alert"),
    USER_AUTHENTICATION("110114", "User Authentication");

    final String code;
    final String display;

    EventType(String code, String display) {
      this.code = code;
      this.display = display;
    }
  }

  /**
   * How each store action reads in FHIR: its DICOM type, its {@code AuditEvent.action} (C, U, D, E) and whether it
   * records a failure (outcome 4). A switch without a default: a new {@link AuditAction} does not compile until it is
   * placed here, and {@link #codeSystem()} lists every one.
   */
  record Action(EventType type, AuditEvent.AuditEventAction action, boolean failure) {
    static Action of(AuditAction a) {
      var create = AuditEvent.AuditEventAction.C;
      var update = AuditEvent.AuditEventAction.U;
      var delete = AuditEvent.AuditEventAction.D;
      var execute = AuditEvent.AuditEventAction.E;
      return switch (a) {
        case USE_CASE_CREATE, REVIEW_RUN, ATTESTATION, DECISION -> new Action(EventType.APPLICATION_ACTIVITY, create, false);
        case ATTESTATION_REFUSED, DECISION_REFUSED -> new Action(EventType.APPLICATION_ACTIVITY, create, true);
        case REVIEW_REPLAY -> new Action(EventType.APPLICATION_ACTIVITY, execute, false);
        case SETTINGS_CHANGE -> new Action(EventType.APPLICATION_ACTIVITY, update, false);
        case MONITOR_PERIOD, GUARDRAIL_BREACH, AUDIT_CHECKPOINT -> new Action(EventType.APPLICATION_ACTIVITY, create, false);
        case LOGIN_FAILURE -> new Action(EventType.USER_AUTHENTICATION, execute, true);
        case PASSWORD_CHANGE, PASSWORD_RESET -> new Action(EventType.USER_AUTHENTICATION, update, false);
        case TOKEN_ISSUE -> new Action(EventType.USER_AUTHENTICATION, create, false);
        case TOKEN_REVOKE -> new Action(EventType.USER_AUTHENTICATION, delete, false);
        case USER_ADD -> new Action(EventType.SECURITY_ALERT, create, false);
        case USER_LOCK, USER_UNLOCK, USER_ROLES, USER_BREAK_GLASS -> new Action(EventType.SECURITY_ALERT, update, false);
      };
    }
  }

  private FhirExport() {}

  /** Counts of what {@link #write} wrote. */
  public record Written(int auditEvents, int provenances) {}

  public static Written write(Store store, Writer out) throws IOException {
    IParser json = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(false);
    List<AuditLog.Entry> entries = store.audit().entries();
    for (AuditLog.Entry e : entries) {
      out.write(json.encodeResourceToString(auditEvent(e)));
      out.write('\n');
    }
    int prov = 0;
    for (Reviews.Run r : store.reviews().all()) {
      out.write(json.encodeResourceToString(provenance(r, entries)));
      out.write('\n');
      prov++;
    }
    out.flush();
    return new Written(entries.size(), prov);
  }

  static AuditEvent auditEvent(AuditLog.Entry e) {
    AuditAction stored = AuditAction.of(e.action());
    Action known = stored == null ? null : Action.of(stored);
    AuditEvent a = new AuditEvent();
    a.setId("tollgate-audit-" + e.seq());
    EventType type = known != null ? known.type : EventType.APPLICATION_ACTIVITY;
    a.setType(new Coding(DICOM, type.code, type.display));
    a.addSubtype(new Coding(ACTIONS, e.action(), stored != null ? stored.definition() : e.action()));
    a.setAction(known != null ? known.action : AuditEvent.AuditEventAction.E);
    a.setRecorded(Date.from(Instant.parse(e.time())));
    boolean failed = known != null ? known.failure : e.action().endsWith(".refused") || e.action().endsWith(".failure");
    a.setOutcome(failed ? AuditEvent.AuditEventOutcome._4 : AuditEvent.AuditEventOutcome._0);
    if (failed) a.setOutcomeDesc(stored != null ? stored.definition() : e.action());
    a.addAgent().setRequestor(true).setWho(person(e.actor()));
    a.getSource().setSite("tollgate").setObserver(new Reference().setDisplay("tollgate"));
    AuditEvent.AuditEventEntityComponent ent = a.addEntity();
    ent.setWhat(new Reference().setIdentifier(new Identifier().setSystem("https://tollgate.dev/fhir/subject").setValue(e.subject())));
    ent.addDetail().setType("seq").setValue(new StringType(Long.toString(e.seq())));
    ent.addDetail().setType("payload_digest").setValue(new StringType(e.payloadDigest()));
    ent.addDetail().setType("prev_hash").setValue(new StringType(e.prevHash()));
    ent.addDetail().setType("hash").setValue(new StringType(e.hash()));
    String runId = field(e, "run_id");
    if (runId != null) {
      a.addEntity().setWhat(new Reference().setIdentifier(new Identifier().setSystem("https://tollgate.dev/fhir/review-run").setValue(runId))
          .setDisplay("review run " + runId));
    }
    return a;
  }

  static Provenance provenance(Reviews.Run r, List<AuditLog.Entry> entries) {
    Provenance p = new Provenance();
    p.setId("tollgate-run-" + r.id());
    p.addTarget(new Reference().setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:sha256:" + r.dossierSha256()))
        .setDisplay("tollgate dossier of review run " + r.id() + " (" + r.useCaseId() + ", " + r.verdict() + ")"));
    p.setRecorded(Date.from(Instant.parse(r.createdAt())));
    p.setActivity(new CodeableConcept(new Coding(ACTIONS, AuditAction.REVIEW_RUN.code(), "launch review")));
    Map<String, String[]> agents = new LinkedHashMap<>(); // person -> {participant type, role}
    agents.put(r.actor(), new String[] {"author", "ran the review"});
    Instant at = Instant.parse(r.createdAt());
    String subject = Reviews.subject(r.useCaseId());
    for (AuditLog.Entry e : entries) {
      if (!e.subject().equals(subject)) continue;
      if (e.action().equals(AuditAction.ATTESTATION.code()) && !Instant.parse(e.time()).isAfter(at)) {
        String role = field(e, "role");
        agents.putIfAbsent(e.actor(), new String[] {"attester", role == null ? "attested " + field(e, "item") : role + ", attested " + field(e, "item")});
      } else if (e.action().equals(AuditAction.DECISION.code()) && r.id().equals(field(e, "run_id"))) {
        agents.putIfAbsent(e.actor(), new String[] {"verifier", "committee chair, decided " + field(e, "outcome")});
      }
    }
    for (Map.Entry<String, String[]> a : agents.entrySet()) {
      p.addAgent().setType(new CodeableConcept(new Coding(PARTICIPANT, a.getValue()[0], a.getValue()[0])))
          .addRole(new CodeableConcept().setText(a.getValue()[1]))
          .setWho(person(a.getKey()));
    }
    for (Reviews.Input in : r.inputs()) {
      p.addEntity().setRole(Provenance.ProvenanceEntityRole.SOURCE).setWhat(new Reference()
          .setIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:sha256:" + in.sha256()))
          .setDisplay(in.path() + " (" + in.rows() + " rows)"));
    }
    return p;
  }

  /**
   * tollgate's audit actions as a FHIR CodeSystem ({@link #ACTIONS}), the definition of every {@code AuditEvent.subtype}
   * and {@code Provenance.activity} code the export writes; published as {@code docs/fhir/CodeSystem-audit-action.json}.
   */
  public static CodeSystem codeSystem() {
    CodeSystem cs = new CodeSystem();
    cs.setId("audit-action");
    cs.setUrl(ACTIONS);
    cs.setName("TollgateAuditAction");
    cs.setTitle("tollgate audit actions");
    cs.setStatus(Enumerations.PublicationStatus.ACTIVE);
    cs.setExperimental(false);
    cs.setPublisher("tollgate");
    cs.setDescription("The actions tollgate records in its tamper-evident audit trail; AuditEvent.subtype and Provenance.activity use them.");
    cs.setCaseSensitive(true);
    cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
    for (AuditAction a : AuditAction.values()) {
      cs.addConcept().setCode(a.code()).setDisplay(a.code()).setDefinition(a.definition());
    }
    cs.setCount(cs.getConcept().size());
    return cs;
  }

  private static Reference person(String name) {
    return new Reference().setDisplay(name).setIdentifier(new Identifier().setSystem(USER).setValue(name));
  }

  /** A top-level text field of the entry's payload, or null. */
  private static String field(AuditLog.Entry e, String name) {
    if (e.payload() == null || e.payload().isEmpty()) return null;
    try {
      JsonNode n = JSON.readTree(e.payload()).get(name);
      return n == null || n.isNull() ? null : n.asText();
    } catch (IOException notJson) {
      return null;
    }
  }
}
