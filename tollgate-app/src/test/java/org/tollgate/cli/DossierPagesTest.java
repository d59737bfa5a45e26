package org.tollgate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tollgate.cohort.SepsisCohort;
import org.tollgate.ingest.write.CohortWriter;
import org.tollgate.report.DossierHtml;
import org.tollgate.report.chart.SvgXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The dossier pages from a real review: a synthetic sepsis cohort of 600 encounters with the template
 * review.yaml, a radiology interaction log for the friction audit, and a use-case title that tries to
 * inject a script. The pages are made from the written dossier.json only, as the web app makes them
 * from the stored run.
 */
class DossierPagesTest {
  @TempDir static Path dir;
  static InspectCommandTest.Run run;
  static JsonNode dossier;
  static final String EVIL = "<script>alert('x')</script> Sepsis & \"alerts\"";
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Every chart the use-case page must show for a review with predictions, events, outages and an interaction log. With an
   * alert policy there is no sensitivity or PPV forest at a bare score threshold: one operating point, the policy's (issue 16 §1).
   */
  static final List<String> CHARTS = List.of("forest-auroc", "roc", "pr", "calibration", "decision-curve",
      "alerts-per-day", "false-alert-cost", "pareto", "lead-time", "friction-steps", "friction-per-session");

  @BeforeAll
  static void review() throws Exception {
    SepsisCohort cohort = new SepsisCohort(SepsisCohort.Settings.defaults().withEncounters(600).withSeed(11).withPrevalence(0.25).withPeriodDays(60));
    new CohortWriter(CohortWriter.Format.CSV, false, "test", CohortWriter.Progress.NONE).write(cohort, dir.resolve("data"));
    InspectCommandTest.Run g = InspectCommandTest.run("generate", "radiology", "--sessions", "120", "--out", dir.resolve("rad").toString(), "--format", "csv");
    assertEquals(0, g.exit(), g.err());
    String yaml;
    try (InputStream in = DossierPagesTest.class.getClassLoader().getResourceAsStream("templates/review.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    yaml = replace(yaml, "title: Sepsis early warning alert", "title: '" + EVIL.replace("'", "''") + "'");
    yaml = replace(yaml, "predictions: scores.parquet", "predictions: data/scores.csv");
    yaml = replace(yaml, "events: events.parquet", "events: data/events.csv");
    yaml = replace(yaml, "outages: outages.parquet", "outages: data/outages.csv");
    yaml = replace(yaml, "# interactions: interactions.parquet", "interactions: rad/interactions.csv");
    yaml = replace(yaml, "bootstrap: 200", "bootstrap: 20");
    // The template's commented example, made live: a claim typed into review.yaml, not a signature.
    yaml = replace(yaml, "# attestations:\n#   - {item: paper_fallback, by: Dr. A. Clinician, role: clinician, date: 2026-10-01}",
        "attestations:\n  - {item: paper_fallback, by: Dr. A. Clinician, role: clinician, date: 2026-10-01}");
    // the cohort's bedside inputs as the features table: a paper rule is found and printed (item 3)
    yaml = replace(yaml, "features: features.parquet", "features: data/features.csv");
    Files.writeString(dir.resolve("review.yaml"), yaml);
    run = InspectCommandTest.run("review", dir.toString(), "--no-store", "--page", "A4");
    assertTrue(run.exit() == ExitCodes.OK || run.exit() == ExitCodes.HALTED, run.err());
    dossier = JSON.readTree(dir.resolve("out").resolve("dossier.json").toFile());
  }

  private static String replace(String s, String from, String to) {
    assertTrue(s.contains(from), "template has '" + from + "'");
    return s.replace(from, to);
  }

  private static Document fragment(String html) {
    return SvgXml.parse("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + html + "</div>");
  }

  @Test
  void reviewWritesTheOnePageDossierAndThePaperChecklistBesideTheJson() throws Exception {
    Path out = dir.resolve("out");
    for (String f : List.of("dossier.html", "dossier.pdf", "checklist.html", "checklist.pdf")) assertTrue(Files.size(out.resolve(f)) > 1000, f);
    try (Stream<Path> files = Files.list(out)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary file left");
    }
    assertTrue(run.out().contains("dossier.pdf"), run.out());
    String page = Files.readString(out.resolve("dossier.html"));
    assertEquals(DossierHtml.onePage(dossier, "A4"), page, "the written page is made from the dossier JSON alone");
    assertTrue(page.contains("size: A4"), "--page A4 reaches the page");
    SvgXml.parse(page.substring(page.indexOf("<html")));
  }

  @Test
  void sectionsShowEveryPartOfTheDossier() {
    String h = DossierHtml.sections(dossier);
    Document d = fragment(h);
    String verdict = dossier.path("verdict").asText();
    assertTrue(h.contains("Verdict: "), "verdict");
    assertTrue(h.contains(org.tollgate.report.Html.esc(verdict)), verdict);
    if (!verdict.equals("GO")) assertTrue(h.contains("Fatal flaw:") && h.contains(org.tollgate.report.Html.esc(dossier.path("fatal_flaw").asText())));
    for (int i = 1; i <= 7; i++) {
      List<Element> row = SvgXml.find(d, "tr", "item-" + i);
      assertEquals(1, row.size(), "checklist item " + i);
      assertEquals(6, row.get(0).getElementsByTagNameNS("*", "td").getLength(), "item, status, why, evidence, fix, attested by");
    }
    assertTrue(h.contains("<th>Attested by</th>"));
    // A name typed into review.yaml is shown as a claim, not a signature: item 3 cannot pass on it, whatever the measurement.
    assertTrue(h.contains("claimed in review.yaml by Dr. A. Clinician (clinician), not signed"), "item 3's claim, unsigned");
    Set<String> shown = new HashSet<>();
    for (Element f : SvgXml.find(d, "figure", "chart")) shown.add(f.getAttribute("data-chart"));
    assertTrue(shown.containsAll(CHARTS), "missing charts: " + CHARTS.stream().filter(c -> !shown.contains(c)).toList());
    // One operating point (issue 16 §1): before, the page drew "Sensitivity … overall 82.7%" at a score threshold beside the
    // policy's detected-in-time; now the policy's per-group table stands for what goes live and the page says why.
    assertFalse(shown.contains("forest-sensitivity") || shown.contains("forest-ppv"), "no second operating point: " + shown);
    assertTrue(h.contains("at a bare score threshold are not shown, because they are not what goes live"));
    assertTrue(h.contains("class=\"policy-by-group\""), "the policy under review, group by group");
    for (String section : List.of("verdict", "checklist", "stratified", "threshold-curves", "alert-economy", "friction", "drill", "fmea", "regulatory",
        "standards", "inputs")) {
      assertFalse(SvgXml.find(d, "section", section).isEmpty(), "section " + section);
    }
    assertFalse(SvgXml.find(d, "ul", "paper-checklist").isEmpty(), "the paper checklist");
    assertFalse(SvgXml.find(d, "a", "paper-checklist-link").isEmpty(), "a link to the printable checklist");
    assertTrue(h.contains("alert missed for a septic patient"), "the FMEA row");
    assertTrue(d.getDocumentElement().getTextContent().contains("RPN = S × O × D") && h.contains("<td class=\"num\">96</td>"), "RPN 8 × 3 × 4 = 96");
    assertTrue(h.contains("Defensibility (mean)"));
    assertTrue(h.contains("ONC HTI-1 predictive DSI source attributes (31)"));
    assertTrue(h.contains("CHAI Applied Model Card"));
  }

  /**
   * Issue 18: every statistical or regulatory term links to its glossary entry where it first appears in each section
   * (RPN in the FMEA table, AUROC and PPV in the summary and the stratified section, Cramér's V and withheld in the
   * checklist), and every such link has its target on the page.
   */
  @Test
  void glossaryTermsAreLinkedAtTheirFirstAppearanceInEachSection() {
    String h = DossierHtml.sections(dossier);
    Document d = fragment(h);
    Set<String> ids = new HashSet<>();
    for (Element dt : SvgXml.find(d, "dt")) ids.add(dt.getAttribute("id"));
    List<Element> links = SvgXml.find(d, "a", "term");
    assertTrue(links.size() > 20, "terms linked: " + links.size());
    for (Element a : links) assertTrue(ids.contains(a.getAttribute("href").substring(1)), "target of " + a.getAttribute("href"));
    // first appearance per section, read from the parsed page: the term's first text occurrence sits in a link to its entry
    java.util.Map<String, String> expect = new java.util.LinkedHashMap<>();
    expect.put("RPN", "g-rpn");
    expect.put("AUROC", "g-auroc");
    expect.put("Sensitivity", "g-sensitivity");
    expect.put("HTI-1", "g-hti-1");
    int checked = 0;
    for (Element sec : SvgXml.find(d, "section")) {
      if (sec.getAttribute("id").equals("glossary")) continue;
      for (java.util.Map.Entry<String, String> e : expect.entrySet()) {
        org.w3c.dom.Node first = firstText(sec, e.getKey());
        if (first == null) continue;
        Element parent = (Element) first.getParentNode();
        assertEquals("#" + e.getValue(), parent.getAttribute("href"), e.getKey() + " first appears unlinked in section " + sec.getAttribute("class")
            + ": '" + first.getTextContent() + "'");
        checked++;
      }
    }
    assertTrue(checked >= 6, "terms checked: " + checked);
  }

  /** Issue 18: no "not available" without its reason and no table cell that is a bare dash, anywhere on the page. */
  @Test
  void everyNotAvailableSaysWhyAndNoCellIsABareDash() {
    Document d = fragment(DossierHtml.summary(dossier) + DossierHtml.sections(dossier));
    String text = d.getDocumentElement().getTextContent();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("not available(?!:)").matcher(text);
    List<String> bare = new ArrayList<>();
    while (m.find()) bare.add(text.substring(Math.max(0, m.start() - 60), Math.min(text.length(), m.end() + 20)));
    assertEquals(List.of(), bare, "'not available' without its reason");
    for (String tag : List.of("td", "th")) {
      for (Element c : SvgXml.find(d, tag)) assertFalse(c.getTextContent().strip().matches("[—–-]"), "a bare-dash cell: " + c.getParentNode().getTextContent());
    }
  }

  /** The first text node under {@code root} (outside headings, summaries, links to elsewhere, code and charts) containing {@code word}. */
  private static org.w3c.dom.Node firstText(org.w3c.dom.Node root, String word) {
    for (org.w3c.dom.Node c = root.getFirstChild(); c != null; c = c.getNextSibling()) {
      if (c.getNodeType() == org.w3c.dom.Node.TEXT_NODE) {
        if (java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(word) + "\\b").matcher(c.getTextContent()).find()) return c;
      } else if (c instanceof Element e) {
        String n = e.getLocalName();
        if (List.of("h1", "h2", "h3", "summary", "code", "svg", "dt", "dd", "label").contains(n)) continue;
        if (n.equals("a") && !e.getAttribute("class").equals("term")) continue;
        org.w3c.dom.Node f = firstText(e, word);
        if (f != null) return f;
      }
    }
    return null;
  }

  @Test
  void everyChartIsNonEmptySvgWithTickedAxes() {
    Document d = fragment(DossierHtml.sections(dossier));
    for (Element f : SvgXml.find(d, "figure", "chart")) {
      String name = f.getAttribute("data-chart");
      Element svg = (Element) f.getElementsByTagNameNS("http://www.w3.org/2000/svg", "svg").item(0);
      assertTrue(svg != null, name + " has an svg");
      assertTrue(Integer.parseInt(svg.getAttribute("width")) > 0 && Integer.parseInt(svg.getAttribute("height")) > 0, name);
      for (String axis : List.of("x-axis", "y-axis")) {
        List<Element> a = SvgXml.find(svg, "g", "axis", axis);
        assertEquals(1, a.size(), name + " " + axis);
        assertTrue(SvgXml.find(a.get(0), "g", "tick").size() >= 2, name + " " + axis + " ticks");
      }
      assertFalse(SvgXml.find(svg, "g", "data").isEmpty() && SvgXml.find(svg, "g", "row").isEmpty(), name + " has marks");
      assertFalse(f.getElementsByTagNameNS("*", "figcaption").item(0).getTextContent().isBlank(), name + " caption");
    }
  }

  @Test
  void scriptsInTitlesAndAttestationNotesRenderAsText() throws Exception {
    JsonNode att = JSON.readTree("[{\"item\": \"paper_fallback\", \"by\": \"<b>Clara</b>\", \"role\": \"clinician\", \"date\": \"2026-11-01\","
        + " \"note\": \"drill <img src=x onerror=alert(1)>\"}, {\"item\": \"7\", \"by\": \"Pat\", \"role\": \"product_manager\", \"date\": \"2026-11-02\"}]");
    String h = DossierHtml.sections(dossier, att);
    String page = DossierHtml.onePage(dossier, "letter");
    for (String s : List.of(h, page, DossierHtml.page(dossier))) {
      assertFalse(s.contains("<script"), "no script element");
      assertFalse(s.contains("<img"), "no injected element");
      assertFalse(s.contains("<b>Clara"), "no injected element");
    }
    assertTrue(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Sepsis &amp; &quot;alerts&quot;"), "the title as text");
    Document d = fragment(h);
    Element item3 = SvgXml.find(d, "tr", "item-3").get(0);
    String attested = ((Element) item3.getElementsByTagNameNS("*", "td").item(5)).getTextContent();
    assertTrue(attested.contains("<b>Clara</b> (clinician), 2026-11-01: “drill <img src=x onerror=alert(1)>”"), attested);
    String item7 = ((Element) SvgXml.find(d, "tr", "item-7").get(0).getElementsByTagNameNS("*", "td").item(5)).getTextContent();
    assertTrue(item7.contains("Pat (product manager), 2026-11-02"), item7);
    assertFalse(item7.contains("after this run"), item7);
  }

  @Test
  void anAttestationRecordedAfterTheRunIsMarkedSo() throws Exception {
    JsonNode att = JSON.readTree("[{\"item\": \"business_model\", \"by\": \"cora\", \"role\": \"compliance_officer\","
        + " \"date\": \"2026-11-03\", \"after_run\": true}]");
    Document d = fragment(DossierHtml.sections(dossier, att));
    String item6 = ((Element) SvgXml.find(d, "tr", "item-6").get(0).getElementsByTagNameNS("*", "td").item(5)).getTextContent();
    // The review file's own attestation first, unmarked; then the store's, marked.
    assertTrue(item6.endsWith("cora (compliance officer), 2026-11-03 (after this run; review again to count it)"), item6);
    assertEquals(1, item6.split("after this run", -1).length - 1, item6);
  }

  @Test
  void noPatientOrEncounterIdentifierAppearsOnAnyPage() throws Exception {
    Set<String> ids = new HashSet<>();
    try (BufferedReader r = Files.newBufferedReader(dir.resolve("data").resolve("scores.csv"))) {
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.split(",", 3);
        ids.add(f[0]);
        ids.add(f[1]);
      }
    }
    assertTrue(ids.size() > 600);
    String all = DossierHtml.sections(dossier) + DossierHtml.onePage(dossier, "letter");
    for (String id : ids) assertFalse(all.contains(id), id);
  }

  @Test
  void leadTimeBinsWithholdSmallCellsAndNeverALoneOne() {
    JsonNode l = dossier.path("simulation").path("lead_time");
    int minCell = 11;
    int hidden = 0;
    long shown = 0;
    for (JsonNode b : l.path("bins")) {
      if (b.path("encounters").isNull()) {
        hidden++;
        assertTrue(b.path("suppressed").asBoolean());
      } else {
        long n = b.path("encounters").asLong();
        assertTrue(n == 0 || n >= minCell, "a shown bin of " + n);
        shown += n;
      }
    }
    assertTrue(hidden != 1, "one withheld bin could be recovered from the total");
    assertEquals(12, l.path("bins").size());
    assertEquals(720 / 12.0, l.path("bin_minutes").asDouble(), 1e-12);
    if (!l.path("detected_encounters").isNull()) {
      assertTrue(shown <= l.path("detected_encounters").asLong());
      if (hidden == 0) assertEquals(l.path("detected_encounters").asLong(), shown);
    }
  }

  /** The threshold curve is a second simulation of the chosen policy: at the policy's own threshold it must give the same alerts. */
  @Test
  void thresholdCurveAgreesWithThePolicyReportAtItsOwnThreshold() {
    JsonNode chosen = dossier.path("simulation").path("policies").get(0);
    double t = chosen.path("policy").path("threshold").asDouble();
    JsonNode at = null;
    for (JsonNode p : dossier.path("simulation").path("threshold_curve").path("points")) {
      if (Math.abs(p.path("threshold").asDouble() - t) < 1e-9) at = p;
    }
    assertTrue(at != null, "the curve includes " + t);
    assertEquals(chosen.path("alerts").asLong(), at.path("alerts").asLong());
    assertEquals(chosen.path("false_alerts").asLong(), at.path("false_alerts").asLong());
    assertEquals(chosen.path("false_alert_cost_per_month").asDouble(), at.path("false_alert_cost_per_month").asDouble(), 1e-9);
    assertEquals(19, dossier.path("simulation").path("threshold_curve").path("points").size());
    // the budget in minutes: $5,000 / ($55/h / 60 × 365/12) = 179.3 min/day
    assertEquals(5000 / (55 / 60.0 * 365 / 12), dossier.path("simulation").path("false_alert_minutes_per_day_limit").asDouble(), 1e-9);
  }

  @Test
  void onePagePdfIsOnePageWithTheVerdictText() throws Exception {
    boolean poppler = Files.isExecutable(Path.of("/usr/bin/pdftoppm")) && Files.isExecutable(Path.of("/usr/bin/pdftotext"));
    assumeTrue(poppler || System.getenv("CI") != null, "poppler-utils (pdftoppm, pdftotext) not installed; .ci/run installs it");
    for (String size : List.of("letter", "A4")) {
      Path pdf = dir.resolve("one-" + size + ".pdf");
      Files.write(pdf, DossierHtml.pdf(dossier, size));
      Path png = dir.resolve("png-" + size);
      Files.createDirectories(png);
      exec(List.of("pdftoppm", "-r", "50", "-png", pdf.toString(), png.resolve("page").toString()));
      try (Stream<Path> pages = Files.list(png)) {
        assertEquals(1, pages.count(), size + ": exactly one page");
      }
      // NFKC: DejaVu's ligatures come out of pdftotext as single characters ("ﬂ" in "flaw").
      String text = java.text.Normalizer.normalize(exec(List.of("pdftotext", "-layout", pdf.toString(), "-")), java.text.Normalizer.Form.NFKC);
      assertTrue(text.contains("Verdict: ") && text.contains(dossier.path("verdict").asText()), text);
      assertTrue(text.contains("Launch checklist") && text.contains("Committee decision"), text);
      if (!dossier.path("fatal_flaw").isNull()) assertTrue(text.contains("Fatal flaw:"), text);
      // Every font in the file is embedded DejaVu Sans, the charts' text included: nothing depends on the machine's fonts.
      List<String> fonts = exec(List.of("pdffonts", pdf.toString())).lines().skip(2).toList();
      assertFalse(fonts.isEmpty());
      for (String f : fonts) {
        assertTrue(f.contains("DejaVuSans"), f);
        assertTrue(f.matches(".*\\s+yes\\s+yes\\s+yes\\s+\\d+\\s+\\d+\\s*"), "embedded, subset, unicode: " + f);
      }
    }
    String written = exec(List.of("pdftotext", dir.resolve("out").resolve("dossier.pdf").toString(), "-"));
    assertTrue(written.contains(dossier.path("verdict").asText()));
  }

  /**
   * The page a committee signs names what it signs: the run, the review date, the audit checkpoint and the
   * release version of tollgate, and has a signature line for the chair and for at least two members.
   */
  @Test
  void signedOnePageNamesTheRunDateCheckpointAndReleaseAndHasSignatureLines() throws Exception {
    boolean poppler = Files.isExecutable(Path.of("/usr/bin/pdftotext"));
    assumeTrue(poppler || System.getenv("CI") != null, "poppler-utils (pdftotext) not installed; .ci/run installs it");
    String hash = "3aa9f0c4d2e1b7a6".repeat(4);
    org.tollgate.report.Signing s = new org.tollgate.report.Signing("5a10068b-8be2-474c-814d-a4322eefb952", "2026-12-07", "seq 42 sha256 " + hash);
    Path pdf = dir.resolve("signed.pdf");
    Files.write(pdf, DossierHtml.pdf(dossier, "letter", s));
    String text = java.text.Normalizer.normalize(exec(List.of("pdftotext", "-layout", pdf.toString(), "-")), java.text.Normalizer.Form.NFKC);
    assertTrue(text.contains("5a10068b-8be2-474c-814d-a4322eefb952"), "run id: " + text);
    assertTrue(text.contains("Review date") && text.contains("2026-12-07"), "review date: " + text);
    assertTrue(text.replaceAll("\\s+", "").contains("seq42sha256" + hash), "the whole checkpoint: " + text);
    String version = dossier.path("tool_version").asText();
    assertTrue(version.matches("tollgate \\d+\\.\\d+\\.\\d+"), "a release version, not a snapshot or 'dev': " + version);
    assertTrue(text.contains(version), "the version on the page: " + text);
    long chair = text.lines().filter(l -> l.strip().startsWith("Chair")).count();
    long members = text.lines().filter(l -> l.strip().startsWith("Member")).count();
    assertEquals(1, chair, text);
    assertTrue(members >= 2, "at least two members' signature lines: " + text);
    // the outcomes the verdict allows (approve needs GO; a NO-GO is declined or re-reviewed)
    String verdict = dossier.path("verdict").asText();
    for (String outcome : List.of("Re-review", "Decline")) assertTrue(text.contains(outcome), outcome);
    assertEquals(!verdict.equals("NO-GO"), text.contains("Approve with contingencies"), verdict + ": " + text);
    assertEquals(verdict.equals("NO-GO"), text.contains("a NO-GO is not approved"), verdict + ": " + text);
    Path png = dir.resolve("png-signed");
    Files.createDirectories(png);
    exec(List.of("pdftoppm", "-r", "40", "-png", pdf.toString(), png.resolve("page").toString()));
    try (Stream<Path> pages = Files.list(png)) {
      assertEquals(1, pages.count(), "still one page");
    }
  }

  @Test
  void checklistIsSortedFailMissingPassWithTheDecidingRuleMarked() {
    String page = DossierHtml.onePage(dossier, "letter");
    List<String> statuses = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("<td class=\"status\">(✔ pass|✖ fail|\\? missing)</td>").matcher(page);
    while (m.find()) statuses.add(m.group(1));
    assertEquals(dossier.path("items").size(), statuses.size());
    List<String> sorted = new ArrayList<>(statuses);
    sorted.sort(java.util.Comparator.comparingInt(x -> x.contains("fail") ? 0 : x.contains("missing") ? 1 : 2));
    assertEquals(sorted, statuses, "fail, then missing, then pass");
    if (!dossier.path("verdict").asText().equals("GO")) {
      String id = dossier.path("deciding_item").asText();
      assertFalse(id.isEmpty(), "a halted review names its deciding rule");
      assertEquals(1, page.split("\\(deciding rule\\)", -1).length - 1, "marked once");
    }
  }

  @Test
  void theReviewWritesAModelCardXmlValidAgainstChaisSchemaAndAPdfCarryingIt() throws Exception {
    String xml = Files.readString(dir.resolve("out").resolve("model-card.xml"));
    org.tollgate.report.ChaiSchema.validate(xml);
    assertTrue(xml.contains("<ModelName>"), xml);
    try (org.apache.pdfbox.pdmodel.PDDocument d = org.apache.pdfbox.Loader.loadPDF(Files.readAllBytes(dir.resolve("out").resolve("model-card.pdf")))) {
      assertEquals(xml, d.getDocumentInformation().getCustomMetadataValue("chaiMcXml"));
      assertTrue(d.getDocumentInformation().getCustomMetadataValue("chaiMcSoftwareId").startsWith("tollgate "));
    }
  }

  private static String exec(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), String.join(" ", cmd) + " timed out");
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    return out;
  }
}
