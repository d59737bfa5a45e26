package org.tollgate.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tollgate.gate.ItemResult.Status;

/**
 * The launch gate: walks the ordered rule registry ({@link Rules#ALL}: the essay's seven-item checklist, one
 * fail or missing halts approval, and the checks beyond it), then gives the verdict.
 *
 * <p>Verdict: GO when every rule passes. Otherwise REDESIGN when every failing or missing rule has a
 * computed fix (a cheaper policy that passes, an attestation to obtain, an input to remove), and NO-GO
 * when any has none (future leakage, a harm-engine business model, accuracy no better than the base
 * rate, a tool that adds cognitive load, an unmitigated catastrophic risk, a subgroup disparity). The
 * fatal flaw is the sentence of the first rule without a fix, or for REDESIGN of the first failing rule
 * (the first missing one when none failed): see {@link #deciding}.
 */
public final class Gate {
  private Gate() {}

  public static GateResult review(GateInputs in) {
    return review(in, Map.of());
  }

  /**
   * As {@link #review(GateInputs)}, for a review whose rows are not at hand (it was given summaries made
   * elsewhere). {@code unavailable} maps a rule's id to why its evidence could not be computed, e.g.
   * "from a Spark summary: the rows are not here". Such a rule never passes on that account: a missing rule
   * gives this reason instead of its own; a failing one (item 2 above its limit without a policy search) keeps
   * failing with the reason added and, when it had no computed fix, the step that would compute one; a passing
   * one (evidence that does come from a summary, like item 2's cost) stands.
   */
  public static GateResult review(GateInputs in, Map<String, String> unavailable) {
    GateLimits lim = in.limits() == null ? GateLimits.defaults() : in.limits();
    List<ItemResult> items = new ArrayList<>();
    for (Rule rule : Rules.ALL) {
      if (!rule.appliesTo(in)) continue;
      ItemResult r = rule.judge(in, lim);
      items.add(unavailable.containsKey(r.id()) ? unavailable(r, unavailable.get(r.id())) : r);
    }
    return new GateResult(verdict(items), flaw(items), items, regulatory(in, items), lim.changesFromDefaults());
  }

  static GateResult.Verdict verdict(List<ItemResult> items) {
    if (items.stream().anyMatch(r -> r.status() != Status.PASS && r.fix() == null)) return GateResult.Verdict.NO_GO;
    if (items.stream().anyMatch(r -> r.status() != Status.PASS)) return GateResult.Verdict.REDESIGN;
    return GateResult.Verdict.GO;
  }

  /**
   * The deciding rule's sentence: for NO-GO the first rule without a fix; for REDESIGN the first rule
   * that failed on its evidence, or when none failed the first whose evidence is missing — a measured
   * failure says more about the tool than an absent document. Null for GO.
   */
  static String flaw(List<ItemResult> items) {
    ItemResult d = deciding(items);
    return d == null ? null : d.flaw();
  }

  /** The rule {@link #flaw} takes its sentence from, or null for GO. */
  public static ItemResult deciding(List<ItemResult> items) {
    for (ItemResult r : items) if (r.status() != Status.PASS && r.fix() == null) return r;
    for (ItemResult r : items) if (r.status() == Status.FAIL) return r;
    for (ItemResult r : items) if (r.status() == Status.MISSING) return r;
    return null;
  }

  static final String ROWS_FIX = "run the check where the rows are, or add the rows to the review";

  private static ItemResult unavailable(ItemResult r, String why) {
    return switch (r.status()) {
      case PASS -> r;
      case MISSING -> new ItemResult(r.id(), r.title(), Status.MISSING, why, r.evidence(), r.fix() == null ? ROWS_FIX : ROWS_FIX + ": " + r.fix(), why);
      case FAIL -> new ItemResult(r.id(), r.title(), Status.FAIL, r.reason() + "; " + why, r.evidence(), r.fix() == null ? ROWS_FIX : r.fix(), r.flaw());
    };
  }

  static GateResult.RegulatoryPath regulatory(GateInputs in, List<ItemResult> items) {
    Integer burden = in.regulatory() == null ? null : in.regulatory().clinicalValidationBurden();
    int vb;
    String vr;
    if (burden != null) {
      vb = 6 - burden;
      vr = "clinical validation burden stated as " + burden + " on the scale 1 light … 5 heavy, so " + (6 - burden) + " of 5 for defensibility";
    } else {
      UseCase.DecisionRole role = in.useCase() == null ? null : in.useCase().decisionRole();
      vb = role == UseCase.DecisionRole.REPLACES ? 1 : role == UseCase.DecisionRole.AUGMENTS ? 3 : role == UseCase.DecisionRole.INFORMS ? 4 : 2;
      vr = role == null ? "decision role unknown" : "derived from the decision role (" + role.name().toLowerCase(Locale.ROOT) + ")";
    }
    ItemResult i1 = item(items, Rules.INPUT_PROVENANCE);
    int pc = switch (i1.status()) {
      case PASS -> 5;
      case MISSING -> in.provenance() == null ? 1 : 3;
      case FAIL -> 1;
    };
    ItemResult i3 = item(items, Rules.PAPER_FALLBACK);
    boolean checklist = in.fallback() != null && in.fallback().rule() != null;
    int fe = i3.status() == Status.PASS ? 5 : Attestation.counted(in, PaperFallbackRule.ITEM) != null || checklist ? 3 : 1;
    return new GateResult.RegulatoryPath(vb, burden, vr, pc, "from checklist item 1: " + i1.reason(), fe, "from checklist item 3: " + i3.reason());
  }

  private static ItemResult item(List<ItemResult> items, Rule rule) {
    return items.stream().filter(r -> r.id().equals(rule.id())).findFirst().orElseThrow();
  }
}
