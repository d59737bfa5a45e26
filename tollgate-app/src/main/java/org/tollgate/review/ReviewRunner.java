package org.tollgate.review;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tollgate.alerts.PolicyReport;
import org.tollgate.alerts.RunFile;
import org.tollgate.alerts.PolicySearch;
import org.tollgate.alerts.Simulator;
import org.tollgate.behavior.BehaviorReport;
import org.tollgate.behavior.BehaviorSettings;
import org.tollgate.behavior.BehavioralMap;
import org.tollgate.behavior.EventLog;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.EventTable;
import org.tollgate.data.InputRecord;
import org.tollgate.data.ScoreTable;
import org.tollgate.drill.DowntimeDrill;
import org.tollgate.drill.DrillResult;
import org.tollgate.drill.DrillSettings;
import org.tollgate.drill.PaperChecklist;
import org.tollgate.fallback.Fallback;
import org.tollgate.fallback.FeatureTable;
import org.tollgate.ingest.FeatureReader;
import org.tollgate.evaluation.Evaluation;
import org.tollgate.evaluation.EvaluationSettings;
import org.tollgate.evaluation.Evaluator;
import org.tollgate.evaluation.SummaryFile;
import org.tollgate.gate.Gate;
import org.tollgate.gate.GateInputs;
import org.tollgate.gate.ClinicalFloors;
import org.tollgate.gate.GateResult;
import org.tollgate.gate.Provenance;
import org.tollgate.gate.Proxies;
import org.tollgate.gate.TradeOffs;
import org.tollgate.gate.WorkflowFit;
import org.tollgate.ingest.EventLogReader;
import org.tollgate.ingest.EventReader;
import org.tollgate.ingest.Need;
import org.tollgate.ingest.OutageReader;
import org.tollgate.ingest.PredictionReader;
import org.tollgate.ingest.Summaries;
import org.tollgate.ingest.TableReader;
import org.tollgate.ingest.config.ReviewFile;

/** Computes a review's evidence and verdict. */
public final class ReviewRunner {

  /**
   * Everything a review produced, for the dossier.
   *
   * @param frictionReport the whole friction audit behind {@code friction} (per-step deltas for the dossier's chart), or null
   * @param thresholdCurve the chosen policy re-simulated at each of {@link #CURVE_THRESHOLDS} (its other settings kept):
   *     alerts per day and false-alert cost against the threshold; empty without a simulation
   */
  public record Outcome(ReviewFile review, GateResult gate, Evaluation evaluation, List<PolicyReport> policies, PolicySearch.Result search,
      DrillResult drill, Provenance.Result provenance, List<Proxies.Finding> proxies, GateInputs.FrictionEvidence friction,
      List<InputRecord> inputs, org.tollgate.friction.FrictionReport frictionReport, List<PolicyReport> thresholdCurve,
      Fallback.Result fallback, PaperChecklist checklist) {
    public Outcome {
      thresholdCurve = thresholdCurve == null ? List.of() : List.copyOf(thresholdCurve);
    }

    /** Without a paper fallback. */
    public Outcome(ReviewFile review, GateResult gate, Evaluation evaluation, List<PolicyReport> policies, PolicySearch.Result search,
        DrillResult drill, Provenance.Result provenance, List<Proxies.Finding> proxies, GateInputs.FrictionEvidence friction,
        List<InputRecord> inputs, org.tollgate.friction.FrictionReport frictionReport, List<PolicyReport> thresholdCurve) {
      this(review, gate, evaluation, policies, search, drill, provenance, proxies, friction, inputs, frictionReport, thresholdCurve, null, null);
    }

    /** Without the friction report and threshold curve (their dossier sections are then empty). */
    public Outcome(ReviewFile review, GateResult gate, Evaluation evaluation, List<PolicyReport> policies, PolicySearch.Result search,
        DrillResult drill, Provenance.Result provenance, List<Proxies.Finding> proxies, GateInputs.FrictionEvidence friction,
        List<InputRecord> inputs) {
      this(review, gate, evaluation, policies, search, drill, provenance, proxies, friction, inputs, null, List.of());
    }
  }

  /** Thresholds of the dossier's alerts-per-day and false-alert-cost curve: 0.05, 0.10, …, 0.95. */
  public static final List<Double> CURVE_THRESHOLDS;

  static {
    List<Double> t = new ArrayList<>();
    for (int k = 1; k <= 19; k++) t.add(k * 5 / 100.0);
    CURVE_THRESHOLDS = List.copyOf(t);
  }

  private ReviewRunner() {}

  /**
   * A review's three steps are load, judge and publish ({@link ReviewPublisher}); this runs the first two. Load: every
   * setting is resolved before any data is read — review.yaml was read and checked by {@link ReviewFile#read}, and the
   * search grid and the threshold curve's thresholds are made from it here, first — then each input is read; judge: the
   * engine (evaluation, simulation, search, drill, fallback, the gate), which does no I/O.
   */
  public static Outcome run(ReviewFile r) {
    ReviewFile.Data d = r.data();
    // Load: the settings made from review.yaml, before any data is read.
    PolicySearch.Grid grid = r.workflow() == null || r.policies().isEmpty() || d.simulationSummary() != null ? null
        : org.tollgate.ingest.config.PolicyFile.grid(r.search(), r.policies(), r.data().scoreScale(), ReviewFile.RAW_HINT);
    List<Double> curveThresholds = r.policies().isEmpty() ? List.of() : curveThresholds(r);
    List<InputRecord> inputs = new ArrayList<>();
    ColumnMapping base = mapping(d);
    List<PolicyReport> reports = new ArrayList<>();
    if (d.simulationSummary() != null) r = simulationSummary(r, reports, inputs);
    Evaluation evaluation = null;
    ScoreTable table = null;
    Set<String> attrs = new LinkedHashSet<>(r.evaluation().by());
    attrs.addAll(r.evaluation().protectedAttributes());
    List<String> proxyInputs = new ArrayList<>();
    PredictionReader reader = new PredictionReader();
    if (d.predictions() != null) {
      List<String> present = reader.columns(d.predictions());
      for (Provenance.Input in : r.provenance()) {
        if (present.contains(in.name()) && !attrs.contains(in.name())) proxyInputs.add(in.name());
      }
      attrs.addAll(proxyInputs);
      boolean hasLabel = base.label() != null && present.contains(base.label());
      table = reader.read(d.predictions(), base.withAttributes(List.copyOf(attrs)), hasLabel ? Need.SCORE_AND_LABEL : Need.SCORE_ONLY);
      inputs.add(table.input());
      if (hasLabel) evaluation = Evaluator.evaluate(table, settings(r));
    }
    if (d.evaluationSummary() != null) evaluation = evaluationSummary(r, inputs);
    List<PolicyReport> curve = List.of();
    PolicySearch.Result search = null;
    DrillResult drill = null;
    EventTable events = null;
    if (table != null && d.events() != null && !r.policies().isEmpty()) {
      if (!table.hasEncounters() || !table.hasTime()) {
        throw new BadInputException(d.predictions().toString(), "the alert simulation needs encounter and time columns in the predictions");
      }
      events = EventReader.read(d.events(), table, base.encounter(), base.zone());
      inputs.add(events.input());
      // The threshold curve's variants of the chosen policy ride along in the same pass over the scores.
      List<org.tollgate.alerts.AlertPolicy> all = new ArrayList<>(r.policies());
      all.addAll(curveVariants(chosenPolicy(r), curveThresholds));
      // Per group of the evaluation's and the protected attributes, for the subgroup rule (same pass).
      Set<String> groupBy = new LinkedHashSet<>(r.evaluation().by());
      groupBy.addAll(r.evaluation().protectedAttributes());
      final ScoreTable t = table;
      List<String> by = groupBy.stream().filter(a -> t.attributeIndex(a) >= 0).toList();
      List<PolicyReport> simulated = PolicyReport.all(Simulator.run(table, events, r.outcome(), all, by), r.workflow());
      reports.addAll(simulated.subList(0, r.policies().size()));
      curve = List.copyOf(simulated.subList(r.policies().size(), simulated.size()));
    }
    PolicyReport chosen = reports.isEmpty() ? null : chosen(r, reports);
    if (events != null && grid != null) {
      // The suggested fix must meet the clinical floors, resolved against the policy under review, and the budget.
      search = PolicySearch.run(table, events, r.outcome(), grid, r.workflow(), ClinicalFloors.of(r.limits(), chosen).budget());
    }
    Fallback.Result fallback = null;
    PaperChecklist checklist = null;
    if (table != null && events != null && chosen != null && d.features() != null && !FeatureReader.inputs(d.features()).isEmpty()) {
      fallback = fallback(r, table, events, chosen.policy(), base, inputs);
      checklist = checklist(r, fallback, chosen.policy());
    }
    if (table != null && events != null && d.outages() != null) {
      OutageReader.Outages out = OutageReader.read(d.outages(), base.zone());
      inputs.add(new InputRecord(out.source().path(), out.source().format(), out.source().sha256(), out.source().rows(), 0, base));
      DrillSettings ds = new DrillSettings(DrillSettings.Mode.valueOf(r.drill().onOutage().toUpperCase(java.util.Locale.ROOT)),
          new java.util.HashSet<>(r.drill().systems()), r.limits().stormFactor(), 60, r.limits().minCell());
      drill = DowntimeDrill.run(table, events, r.outcome(), chosen.policy(), out.windows(), ds, fallback, checklist);
      if (fallback != null && fallback.replication() != null && drill.paper() != null) {
        fallback = fallback.withReplication(fallback.replication().withOutage(drill.paper()));
      }
    }
    Provenance.Result provenance = provenance(r, inputs);
    List<Proxies.Finding> proxies = table == null || r.evaluation().protectedAttributes().isEmpty() ? null
        : Proxies.fromTable(table, proxyInputs, r.evaluation().protectedAttributes());
    org.tollgate.friction.FrictionReport frictionReport = Friction.audit(r, inputs);
    GateInputs.FrictionEvidence friction = Friction.evidence(frictionReport);
    TradeOffs.Result tradeOffs = r.tradeOffs() == null ? null : tradeOffs(r.tradeOffs(), inputs);
    GateInputs gi = new GateInputs(r.useCase(), r.limits(), evaluation, r.labelKind(), chosen,
        search == null ? null : search.all(), friction, drill, provenance, proxies, r.risks(), r.attestations(), r.businessModel(),
        r.evaluation().protectedAttributes(), r.regulatory(), tradeOffs, r.behavior() == null ? null : workflowFit(r, inputs), fallback);
    return new Outcome(r, Gate.review(gi, unavailable(r)), evaluation, reports, search, drill, provenance, proxies, friction, inputs, frictionReport, curve,
        fallback, checklist);
  }

  /**
   * The paper fallback against the chosen policy: the features table read against the scores, the rule
   * (the clinicians' or found), its replication, and when it falls short of the gate's share the changes
   * that would close the gap.
   */
  static Fallback.Result fallback(ReviewFile r, ScoreTable table, EventTable events, org.tollgate.alerts.AlertPolicy policy, ColumnMapping base,
      List<InputRecord> inputs) {
    FeatureTable features = FeatureReader.read(r.data().features(), table, base.encounter(), base.zone());
    // the provenance check adds the same file when it reads it
    if (r.provenance().isEmpty()) inputs.add(features.input());
    Fallback.Result f = Fallback.run(table, events, features, r.outcome(), policy, r.workflow(), r.fallback());
    if (f.replication() != null && f.replication().policyDetected() > 0 && f.replication().share().estimate() < r.limits().minFallbackReplication()) {
      f = f.withGap(Fallback.closeGap(f, r.limits().minCell()));
    }
    return f;
  }

  /** Whom the checklist says to notify: review.yaml's {@code drill.notify}, else the workflow's role, else null. */
  public static String notify(ReviewFile r) {
    return r.drill().notifyWho() != null ? r.drill().notifyWho() : r.workflow() != null ? "the " + r.workflow().role() : null;
  }

  /** The one paper checklist of a review (the drill, the dossier, the pages and the PDF all print this), or null without a rule. */
  public static PaperChecklist checklist(ReviewFile r, Fallback.Result f, org.tollgate.alerts.AlertPolicy policy) {
    if (f == null || f.rule() == null) return null;
    return PaperChecklist.of(f.rule(), policy, r.outcome(), notify(r), r.fallback().checkEveryHours(), r.useCase().title());
  }

  /**
   * The one operating point of a review: the threshold of the policy under review, or for a use case without an
   * alert policy (a referral or triage score) {@code evaluation.threshold}, which is then its one policy. The
   * evaluation every rule and headline number reads is made at this threshold, so {@code evaluation.threshold}
   * never decides a rule of a review that has a policy.
   */
  public static double operatingThreshold(ReviewFile r) {
    return r.policies().isEmpty() ? r.evaluation().threshold() : chosenPolicy(r).threshold();
  }

  private static EvaluationSettings settings(ReviewFile r) {
    return new EvaluationSettings(r.evaluation().by(), r.evaluation().intersections(), operatingThreshold(r),
        r.evaluation().bootstrap(), r.evaluation().seed(), r.limits().minCell(), Map.of(), null, null, 0.01, null, null, null, 0.10);
  }

  /** Why a rule's evidence is absent when summaries stand in for the rows. */
  static final String FROM_SUMMARY = "from a Spark summary: the rows are not here";

  /**
   * The evaluation of {@code data.evaluation_summary}, made as {@code tollgate evaluate --summary} makes it; the
   * summary file (its own SHA-256, the rows it summarizes) joins the inputs.
   */
  static Evaluation evaluationSummary(ReviewFile r, List<InputRecord> inputs) {
    Path file = r.data().evaluationSummary();
    SummaryFile f = Summaries.evaluation(file);
    List<String> madeBy = f.summary().cells().attributes();
    if (!r.evaluation().by().isEmpty() && !r.evaluation().by().equals(madeBy)) {
      throw new BadInputException(file.toString(), "the summary is stratified by " + madeBy + " but review.yaml's evaluation.by is "
          + r.evaluation().by() + " (make the summary with --by " + String.join(",", r.evaluation().by()) + ", or leave evaluation.by out)");
    }
    ColumnMapping.ScoreScale made = f.input().mapping().scoreScale();
    if (made != r.data().scoreScale()) {
      throw new BadInputException(file.toString(), "the summary's scores are on the " + made.word() + " scale but review.yaml's data.score_scale is "
          + r.data().scoreScale().word() + "; they must agree (thresholds are read on that scale)");
    }
    inputs.add(Summaries.asInput(file, SummaryFile.SCHEMA, f.input()));
    return f.evaluate(settings(r));
  }

  /**
   * The policies of {@code data.simulation_summary} priced with the review's workflow, as {@code tollgate simulate
   * --summary} prices them; returns the review with the summary's policies, outcome and chosen policy.
   */
  static ReviewFile simulationSummary(ReviewFile r, List<PolicyReport> reports, List<InputRecord> inputs) {
    Path file = r.data().simulationSummary();
    RunFile f = Summaries.simulation(file);
    List<org.tollgate.alerts.AlertPolicy> ps = f.run().policies();
    List<String> names = ps.stream().map(org.tollgate.alerts.AlertPolicy::name).toList();
    if (names.isEmpty()) throw new BadInputException(file.toString(), "the simulation summary holds no policy");
    String chosen = r.chosenPolicy() != null ? r.chosenPolicy() : names.get(0);
    if (!names.contains(chosen)) {
      throw new BadInputException(file.toString(), "review.yaml chooses policy '" + chosen + "', which this summary does not hold (it holds "
          + String.join(", ", names) + ")");
    }
    inputs.add(Summaries.asInput(file, RunFile.SCHEMA, f.scores()));
    reports.addAll(PolicyReport.all(f.run(), r.workflow()));
    return r.withSimulation(ps, f.outcome(), chosen);
  }

  /** The gate rules whose evidence needs rows the review's summaries stand in for, with the reason (see {@link Gate#review(GateInputs, Map)}). */
  static Map<String, String> unavailable(ReviewFile r) {
    ReviewFile.Data d = r.data();
    boolean noPredictions = d.predictions() == null;
    boolean summaries = d.evaluationSummary() != null || d.simulationSummary() != null;
    Map<String, String> m = new java.util.LinkedHashMap<>();
    if (!summaries) return m;
    if (!r.provenance().isEmpty() && d.features() == null) {
      m.put("1", FROM_SUMMARY + ", so the inputs' source timestamps cannot be checked against the prediction times");
    }
    if (d.simulationSummary() != null) {
      if (r.workflow() != null) m.put("2", "no cheaper policy was searched (" + FROM_SUMMARY + ")");
      m.put("5", FROM_SUMMARY + ", so no outage can be replayed through the policy (downtime drill)");
    }
    if (noPredictions && !r.evaluation().protectedAttributes().isEmpty()) {
      m.put("proxies", FROM_SUMMARY + ", so no model input can be tested against the protected attributes");
    }
    return m;
  }

  /**
   * Where the threshold curve is drawn: {@link #CURVE_THRESHOLDS} on the probability scale; on a raw scale the search grid's
   * thresholds (in the score's own units, ascending), none without a search block.
   */
  static List<Double> curveThresholds(ReviewFile r) {
    if (r.data().scoreScale() != ColumnMapping.ScoreScale.RAW) return CURVE_THRESHOLDS;
    if (r.search() == null) return List.of();
    return org.tollgate.ingest.config.PolicyFile.grid(r.search(), r.policies(), ColumnMapping.ScoreScale.RAW, ReviewFile.RAW_HINT)
        .thresholds().stream().distinct().sorted().toList();
  }

  /** The chosen policy at each curve threshold, every other setting kept. */
  static List<org.tollgate.alerts.AlertPolicy> curveVariants(org.tollgate.alerts.AlertPolicy p) {
    return curveVariants(p, CURVE_THRESHOLDS);
  }

  /** The chosen policy at each of {@code thresholds}, every other setting kept. */
  static List<org.tollgate.alerts.AlertPolicy> curveVariants(org.tollgate.alerts.AlertPolicy p, List<Double> thresholds) {
    List<org.tollgate.alerts.AlertPolicy> variants = new ArrayList<>();
    for (double t : thresholds) {
      variants.add(new org.tollgate.alerts.AlertPolicy(p.name() + " @ " + t, t, p.persistence(), p.confirm(), p.suppressDuring(),
          p.refireAfterMinutes(), p.maxAlertsPerEncounter(), p.digestMinutes()));
    }
    return variants;
  }

  /** The review's chosen policy (the first when none is named). */
  public static org.tollgate.alerts.AlertPolicy chosenPolicy(ReviewFile r) {
    return r.policies().stream().filter(p -> p.name().equals(r.chosenPolicy())).findFirst().orElse(r.policies().get(0));
  }

  private static PolicyReport chosen(ReviewFile r, List<PolicyReport> reports) {
    return reports.stream().filter(p -> p.policy().name().equals(r.chosenPolicy())).findFirst().orElse(reports.get(0));
  }

  /** The column mapping of review.yaml's data.columns, data.score_scale and data.fhir, the defaults elsewhere. */
  public static ColumnMapping mapping(ReviewFile.Data data) {
    ColumnMapping d = ColumnMapping.defaults();
    Map<String, String> c = data.columns();
    return new ColumnMapping(c.getOrDefault("id", d.id()), c.getOrDefault("encounter", d.encounter()), c.getOrDefault("time", d.time()),
        c.getOrDefault("score", d.score()), c.getOrDefault("label", d.label()), List.of(), data.scoreScale(), d.zone(), data.fhir());
  }

  /** Behavioral mapping of the review's audit log for its task, against the design the review states. */
  static WorkflowFit workflowFit(ReviewFile r, List<InputRecord> inputs) {
    ReviewFile.BehaviorSpec b = r.behavior();
    EventLog log = EventLogReader.read(b.log(), b.encounters(), EventLogReader.Columns.defaults(), java.time.ZoneOffset.UTC);
    BehaviorSettings s = new BehaviorSettings(b.task(), null, r.limits().minCell()).withClinicalRoles(b.clinicalRoles());
    BehaviorReport rep = BehavioralMap.run(log, s);
    for (var t : new org.tollgate.data.TableSource[] {rep.events(), rep.visits()}) {
      if (t != null) inputs.add(new InputRecord(t.path(), t.format(), t.sha256(), t.rows(), 0, ColumnMapping.defaults()));
    }
    BehaviorReport.TaskMap task = rep.tasks().stream().filter(x -> x.task().equals(b.task())).findFirst()
        .orElseThrow(() -> new BadInputException(b.log().toString(), "no events of task '" + b.task() + "' (behavior.task)"));
    return new WorkflowFit(b.designedFor(), b.forClinicalStaff(), task, rep.events() == null ? null : rep.events().sha256());
  }

  /** The trade-off table from the pilot file: each measure's values split by period (pre/post). */
  static TradeOffs.Result tradeOffs(ReviewFile.TradeOffSpec t, List<InputRecord> inputs) {
    List<TableReader.Column> cols = new ArrayList<>();
    cols.add(new TableReader.Column("period", TableReader.Kind.TEXT, true));
    for (TradeOffs.Measure m : t.measures()) cols.add(new TableReader.Column(m.column(), TableReader.Kind.NUMBER, true));
    int k = t.measures().size();
    List<double[]> pre = new ArrayList<>();
    List<double[]> post = new ArrayList<>();
    TableReader.Result res = TableReader.read(t.data(), cols, java.time.ZoneOffset.UTC, (row, v) -> {
      String p = (String) v[0];
      if (!"pre".equals(p) && !"post".equals(p)) {
        throw new BadInputException(t.data().toString(), row, "period", "must be pre or post, got '" + p + "'");
      }
      double[] x = new double[k];
      for (int i = 0; i < k; i++) {
        if (v[i + 1] == null) throw new BadInputException(t.data().toString(), row, t.measures().get(i).column(), "empty value");
        x[i] = (Double) v[i + 1];
      }
      ("pre".equals(p) ? pre : post).add(x);
    });
    if (pre.isEmpty() || post.isEmpty()) {
      throw new BadInputException(res.path(), "the pilot file needs rows of both periods (pre and post)");
    }
    inputs.add(new InputRecord(res.path(), res.format(), res.sha256(), res.rows(), 0, ColumnMapping.defaults()));
    List<TradeOffs.Row> rows = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      final int c = i;
      rows.add(TradeOffs.compare(t.measures().get(i), pre.stream().mapToDouble(x -> x[c]).toArray(), post.stream().mapToDouble(x -> x[c]).toArray()));
    }
    return new TradeOffs.Result(rows, t.modify(), res.sha256());
  }

  /**
   * Item 1's data check: each input's timestamp column in the feature file against its prediction time. Where
   * the file also has the input's own column (a bedside features table does), a row whose value is empty needs
   * no timestamp: nothing was recorded, so nothing can have come from the future.
   */
  static Provenance.Result provenance(ReviewFile r, List<InputRecord> inputs) {
    if (r.provenance().isEmpty()) return null;
    Set<String> approved = new LinkedHashSet<>(r.approvedSystems());
    if (r.data().features() == null) return Provenance.manifestOnly(r.provenance(), approved);
    List<TableReader.Column> cols = new ArrayList<>();
    cols.add(new TableReader.Column("time", TableReader.Kind.TIMESTAMP, true));
    Map<String, Integer> at = new HashMap<>();
    for (Provenance.Input in : r.provenance()) {
      if (in.timestampColumn() != null && !in.timestampColumn().isBlank() && !at.containsKey(in.timestampColumn())) {
        at.put(in.timestampColumn(), cols.size());
        cols.add(new TableReader.Column(in.timestampColumn(), TableReader.Kind.TIMESTAMP, false));
      }
    }
    List<String> fileColumns = TableReader.columnNames(r.data().features());
    Map<String, Integer> valueAt = new HashMap<>();
    int timeColumns = cols.size();
    for (Provenance.Input in : r.provenance()) {
      if (fileColumns.contains(in.name()) && !at.containsKey(in.name()) && !valueAt.containsKey(in.name())) {
        valueAt.put(in.name(), cols.size());
        cols.add(new TableReader.Column(in.name(), TableReader.Kind.TEXT, false));
      }
    }
    List<long[]> rows = new ArrayList<>();
    TableReader.Result res = TableReader.read(r.data().features(), cols, java.time.ZoneOffset.UTC, (row, v) -> {
      long[] x = new long[v.length];
      for (int i = 0; i < timeColumns; i++) x[i] = v[i] == null ? Long.MIN_VALUE : (Long) v[i];
      for (int i = timeColumns; i < v.length; i++) x[i] = v[i] == null ? 0 : 1; // 1 where the input has a value
      rows.add(x);
    });
    for (Provenance.Input in : r.provenance()) {
      Integer i = at.get(in.timestampColumn());
      if (i != null && !res.columnsPresent().contains(in.timestampColumn())) {
        throw new BadInputException(res.path(), 0, in.timestampColumn(), "the provenance manifest names this timestamp column for input '" + in.name() + "', but the feature file lacks it");
      }
    }
    inputs.add(new InputRecord(res.path(), res.format(), res.sha256(), res.rows(), 0, ColumnMapping.defaults()));
    long[] pred = new long[rows.size()];
    for (int k = 0; k < pred.length; k++) pred[k] = rows.get(k)[0];
    List<Provenance.Finding> f = new ArrayList<>();
    for (Provenance.Input in : r.provenance()) {
      Integer i = at.get(in.timestampColumn());
      Integer has = valueAt.get(in.name());
      int n = 0;
      long[] p = new long[pred.length];
      long[] src = new long[pred.length];
      for (int k = 0; k < pred.length; k++) {
        if (has != null && rows.get(k)[has] == 0) continue;
        p[n] = pred[k];
        src[n++] = i == null ? Long.MIN_VALUE : rows.get(k)[i];
      }
      f.add(Provenance.check(in, approved, i == null ? null : java.util.Arrays.copyOf(p, n), i == null ? null : java.util.Arrays.copyOf(src, n),
          r.limits().minCell()));
    }
    return new Provenance.Result(f, res.sha256(), true);
  }

}
