package org.tollgate.fhir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import org.tollgate.store.AuditAction;
import org.tollgate.store.Monitoring;
import org.tollgate.store.People;
import org.tollgate.store.People.AttestedItem;
import org.tollgate.store.People.Principal;
import org.tollgate.store.People.Role;
import org.tollgate.store.Reviews;
import org.tollgate.store.Store;
import org.tollgate.store.StoreException;
import org.tollgate.store.fhir.FhirExport;

/**
 * Every resource tollgate publishes validates against FHIR R4 with HAPI's validator and zero errors, offline (the
 * in-memory support chain, no terminology server), and says what happened (issue 19 item 15). The scenario, worked
 * by hand: ana runs a review of use case "sepsis" after clara (clinician) attested the paper fallback; carl (a
 * clinician) tries to record a decision and to attest the business model and is refused both times; chris (committee chair) declines the NO-GO run; after the run
 * olga (compliance officer) attests the business model; chris changes his password, is issued a token and revokes it;
 * olga mistypes her password and someone tries an unknown name; the admin resets olga's password, locks carl, unlocks him and gives him the chair's role; an operator on the server host lifts carl's account by
 * break-glass; a monitoring job records two weeks of the live tool, the second breaching a guardrail; ana replays
 * the run, then runs the review again with other settings; the admin publishes the audit head.
 */
class FhirExportConformanceTest {
  @TempDir static Path dir;
  static List<IBaseResource> exported = new ArrayList<>();
  static String runId;
  static FhirContext ctx = FhirContext.forR4();
  static FhirValidator validator;

  @BeforeAll
  static void exportAScenario() throws Exception {
    try (Store store = Store.open(Store.h2File(dir.resolve("store")))) {
      People people = store.people();
      people.addUser("root-admin", EnumSet.of(Role.ADMIN), "admin password 1".toCharArray(), null);
      Principal admin = people.login("root-admin", "admin password 1".toCharArray());
      Principal clara = add(people, admin, "clara", Role.CLINICIAN);
      Principal carl = add(people, admin, "carl", Role.CLINICIAN);
      Principal chris = add(people, admin, "chris", Role.COMMITTEE_CHAIR);
      Principal olga = add(people, admin, "olga", Role.COMPLIANCE_OFFICER);
      store.reviews().createUseCase("sepsis", "Sepsis alert", "ana"); // attesting needs a registered use case (issue 19 item 6)
      people.attest(clara, "sepsis", AttestedItem.PAPER_FALLBACK, "drilled", null);
      Thread.sleep(5); // the store's clock has millisecond steps: the run is strictly after clara's attestation
      runId = store.reviews().record(new Reviews.NewRun("sepsis", "Sepsis alert", "NO-GO", "Decision logic is not reconstructable",
          "tollgate test", "/reviews/sepsis", "use_case:\n  id: sepsis\n", "{\"schema\":\"tollgate.dossier/v1\"}",
          List.of(new Reviews.Item("1", "Decision logic reconstructable", "fail", "12 values after prediction", "{}")),
          List.of(new Reviews.Input("/reviews/sepsis/scores.csv", "csv", "a".repeat(64), 200))), "ana").runId();
      Thread.sleep(5);
      assertThrows(StoreException.class, () -> people.decide(carl, "sepsis", People.Outcome.APPROVE, null, null, runId));
      assertThrows(StoreException.class, () -> people.attest(carl, "sepsis", AttestedItem.BUSINESS_MODEL, "aligned", null));
      people.decide(chris, "sepsis", People.Outcome.DECLINE, null, null, runId); // a NO-GO is declined (an approval follows the verdict)
      people.attest(olga, "sepsis", AttestedItem.BUSINESS_MODEL, "aligned", null);
      people.changePassword("chris", "correct horse battery".toCharArray(), "another horse battery".toCharArray());
      Principal chris2 = people.login("chris", "another horse battery".toCharArray());
      people.issueToken(chris2, "pipeline");
      people.revokeTokens(chris2, "chris");
      assertThrows(StoreException.class, () -> people.login("olga", "not her password".toCharArray()));
      assertThrows(StoreException.class, () -> people.login("nobody", "a guess".toCharArray()));
      people.resetPassword(admin, "olga", "reset password 1".toCharArray());
      people.lock(admin, "carl");
      people.unlock(admin, "carl");
      people.setRoles(admin, "carl", EnumSet.of(Role.COMMITTEE_CHAIR));
      people.breakGlass("carl", "temporary password 1".toCharArray(), "ops");
      store.monitoring().record("sepsis", "Sepsis alert", List.of(
          new Monitoring.Period("2026-06-25", "2026-07-02", "week", "{\"alerts\": 140}", false, "[]"),
          new Monitoring.Period("2026-07-02", "2026-07-09", "week", "{\"alerts\": 260}", true, "[]")),
          "alert volume: alerts per day 37.1 against 0.0–30.0", "cron");
      store.audit().append("ana", AuditAction.REVIEW_REPLAY, Reviews.subject("sepsis"), java.util.Map.of("run_id", runId, "reproduced", true));
      Thread.sleep(5);
      store.reviews().record(new Reviews.NewRun("sepsis", "Sepsis alert", "NO-GO", "Decision logic is not reconstructable",
          "tollgate test", "/reviews/sepsis", "use_case:\n  id: sepsis\nlimits:\n  min_cell: 20\n", "{\"schema\":\"tollgate.dossier/v1\"}",
          List.of(new Reviews.Item("1", "Decision logic reconstructable", "fail", "12 values after prediction", "{}")),
          List.of(new Reviews.Input("/reviews/sepsis/scores.csv", "csv", "a".repeat(64), 200))), "ana");
      store.audit().publish("root-admin", "ticket GOV-12");
      StringWriter w = new StringWriter();
      FhirExport.write(store, w);
      for (String line : w.toString().split("\n")) {
        exported.add(ctx.newJsonParser().parseResource(line));
      }
    }
    PrePopulatedValidationSupport ours = new PrePopulatedValidationSupport(ctx);
    ours.addCodeSystem(published("CodeSystem-audit-action.json", CodeSystem.class));
    ours.addStructureDefinition(published("StructureDefinition-observed-outcome.json", StructureDefinition.class));
    ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(ctx), new CommonCodeSystemsTerminologyService(ctx),
        new InMemoryTerminologyServerValidationSupport(ctx), new SnapshotGeneratingValidationSupport(ctx), ours);
    validator = ctx.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
  }

  private static Principal add(People people, Principal admin, String name, Role role) {
    people.addUser(name, EnumSet.of(role), "correct horse battery".toCharArray(), admin, false);
    return people.login(name, "correct horse battery".toCharArray());
  }

  /** A resource as published in docs/fhir/. */
  static <T extends IBaseResource> T published(String name, Class<T> type) throws Exception {
    Path p = Path.of("..", "docs", "fhir", name);
    return ctx.newJsonParser().parseResource(type, Files.readString(p));
  }

  private static List<String> errors(IBaseResource r) {
    ValidationResult v = validator.validateWithResult(r);
    List<String> out = new ArrayList<>();
    for (SingleValidationMessage m : v.getMessages()) {
      if (m.getSeverity().ordinal() >= ResultSeverityEnum.ERROR.ordinal()) out.add(m.getLocationString() + ": " + m.getMessage());
    }
    return out;
  }

  @Test
  void everyExportedResourceValidatesWithZeroErrors() {
    assertTrue(exported.size() > 10, "the scenario exports " + exported.size() + " resources");
    for (IBaseResource r : exported) {
      assertEquals(List.of(), errors(r), r.getIdElement().getValue());
    }
  }

  @Test
  void thePublishedCodeSystemValidatesAndIsTheExportsOwn() throws Exception {
    CodeSystem cs = published("CodeSystem-audit-action.json", CodeSystem.class);
    assertEquals(List.of(), errors(cs));
    assertEquals(ctx.newJsonParser().encodeResourceToString(FhirExport.codeSystem()), ctx.newJsonParser().encodeResourceToString(cs),
        "docs/fhir/CodeSystem-audit-action.json is FhirExport.codeSystem(); regenerate it when an action is added");
    for (IBaseResource r : exported) {
      if (r instanceof AuditEvent a) {
        String code = a.getSubtypeFirstRep().getCode();
        assertTrue(cs.getConcept().stream().anyMatch(c -> c.getCode().equals(code)), code + " is defined");
      }
    }
  }

  /**
   * Every action the store can write ({@link AuditAction}: {@code AuditLog.append} takes nothing else) is a concept of the
   * published CodeSystem, with a definition, and the scenario's export uses each one (so each is validated above).
   */
  @Test
  void everyActionTheStoreCanWriteIsInThePublishedCodeSystemAndValidates() throws Exception {
    CodeSystem cs = published("CodeSystem-audit-action.json", CodeSystem.class);
    List<String> notExported = new ArrayList<>();
    for (AuditAction a : AuditAction.values()) {
      CodeSystem.ConceptDefinitionComponent c = cs.getConcept().stream().filter(x -> x.getCode().equals(a.code())).findFirst()
          .orElseThrow(() -> new AssertionError(a.code() + " is not in docs/fhir/CodeSystem-audit-action.json"));
      assertTrue(c.hasDefinition() && !c.getDefinition().isBlank(), a.code() + " has a definition");
      if (events(a.code()).isEmpty()) notExported.add(a.code());
    }
    assertEquals(List.of(), notExported, "actions the scenario does not export (so they are not validated)");
    assertEquals(AuditAction.values().length, cs.getConcept().size(), "no concept the store cannot write");
  }

  /**
   * The observed-outcome extension's published definition is the one the validator applies: a RiskAssessment
   * carrying it with a boolean has no error, with a string it is refused by the extension's definition. (The StructureDefinition itself is not put
   * through the instance validator: HAPI 8.8.1's check of a StructureDefinition regenerates its snapshot and
   * fails offline with "Unable to resolve package id hl7.fhir.r4.core#null", whatever the definition says.)
   */
  @Test
  void theObservedOutcomeExtensionIsDefinedAndEnforced() {
    String ra = """
        {"resourceType": "RiskAssessment", "status": "final", "subject": {"reference": "Patient/p1"},
         "extension": [{"url": "https://tollgate.dev/fhir/StructureDefinition/observed-outcome", %s}],
         "prediction": [{"probabilityDecimal": 0.42}]}""";
    assertEquals(List.of(), errors(ctx.newJsonParser().parseResource(String.format(ra, "\"valueBoolean\": true"))));
    List<String> wrong = errors(ctx.newJsonParser().parseResource(String.format(ra, "\"valueString\": \"yes\"")));
    assertTrue(wrong.stream().anyMatch(m -> m.contains("definition allows for the types [boolean] but found type string")), wrong.toString());
  }

  private static List<AuditEvent> events(String action) {
    return exported.stream().filter(r -> r instanceof AuditEvent).map(r -> (AuditEvent) r)
        .filter(a -> a.getSubtypeFirstRep().getCode().equals(action)).toList();
  }

  @Test
  void aRefusedDecisionIsExportedAsAFailure() {
    AuditEvent refused = events("decision.refused").get(0);
    assertEquals(AuditEvent.AuditEventOutcome._4, refused.getOutcome());
    assertEquals("carl", refused.getAgentFirstRep().getWho().getDisplay());
    assertEquals(AuditEvent.AuditEventOutcome._0, events("decision").get(0).getOutcome());
  }

  @Test
  void actionsSayWhatWasDoneNotAlwaysCreate() {
    assertEquals(AuditEvent.AuditEventAction.U, events("password.change").get(0).getAction());
    assertEquals(AuditEvent.AuditEventAction.D, events("token.revoke").get(0).getAction());
    assertEquals(AuditEvent.AuditEventAction.C, events("attestation").get(0).getAction());
    assertEquals("110114", events("password.change").get(0).getType().getCode());
    assertEquals("http://dicom.nema.org/resources/ontology/DCM", events("review.run").get(0).getType().getSystem());
  }

  @Test
  void theRunAndTheDecisionOnItCarryTheRunId() {
    for (String action : List.of("review.run", "decision")) {
      AuditEvent a = events(action).get(0);
      assertTrue(a.getEntity().stream().anyMatch(e -> runId.equals(e.getWhat().getIdentifier().getValue())), action);
    }
  }

  @Test
  void theRunsProvenanceListsOnlyThoseWhoActedOnItUpToTheRunAndTheChairAsVerifier() {
    Provenance p = exported.stream().filter(r -> r instanceof Provenance).map(r -> (Provenance) r).filter(r -> r.getIdElement().getIdPart().equals("tollgate-run-" + runId)).findFirst().orElseThrow();
    List<String> agents = p.getAgent().stream().map(a -> a.getWho().getDisplay() + ":" + a.getType().getCodingFirstRep().getCode()).toList();
    // olga attested after the run; carl was refused: neither acted on this run
    assertEquals(List.of("ana:author", "clara:attester", "chris:verifier"), agents);
    assertTrue(p.getAgent().get(2).getRoleFirstRep().getText().startsWith("committee chair"), p.getAgent().get(2).getRoleFirstRep().getText());
  }
}
