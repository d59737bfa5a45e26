package org.tollgate.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.hl7.fhir.r4.model.RiskAssessment.RiskAssessmentPredictionComponent;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.InputRecord;
import org.tollgate.data.ScoreTable;
import org.tollgate.ingest.Need.Column;

/**
 * Reads FHIR R4 RiskAssessment resources with one shared {@link FhirContext}: one JSON object per line (NDJSON; blank
 * lines skipped, lines counted from 1 including blank ones), or a {@code .json} document (one resource or Bundle, over
 * many lines; told apart from NDJSON by its first line not being a whole JSON value).
 *
 * <p>What is read, as R4 defines it:
 * <ul>
 *   <li>Bundles of type {@code searchset} or {@code collection} are unwrapped, on an NDJSON line or as a document: each
 *       entry's RiskAssessment is read, and messages name the entry ({@code entry[3].resource.…}) and its line (in a
 *       pretty-printed document, the line of the element a problem is about when it is named by element). A
 *       searchset's {@code include} entries (a Patient brought along) and {@code outcome} entries (an OperationOutcome)
 *       are not data; an outcome reporting an error or a fatal issue is refused (the search may be incomplete). Other
 *       Bundle types (transaction, batch, history, document, message) are refused.
 *   <li>A RiskAssessment whose status is {@code entered-in-error} or {@code cancelled} is skipped and counted by status
 *       ({@link InputRecord#skipped}), never read as a score.
 *   <li>A {@code modifierExtension} (on the resource or a prediction) is refused: R4 says a reader that does not know it
 *       must not use what carries it. An element R4 does not define (a misspelled {@code occurenceDateTime}) is refused
 *       naming it (HAPI's strict parser), not dropped.
 *   <li>The prediction: the only one, or with {@link ColumnMapping.Fhir#outcome} the one whose {@code outcome} has that
 *       coding; a resource with several predictions and no outcome chosen, or no (or several) prediction with the chosen
 *       outcome, is refused.
 *   <li>{@code probabilityDecimal} is a percentage in R4 (invariant ras-2: at most 100); many systems write 0–1. The unit
 *       is {@link ColumnMapping.Fhir#probability}; when it is not given, values are read as R4's percentages, and a file
 *       whose values all lie within [0, 1] (which either unit fits) is refused naming its largest value and the setting.
 *       A value above the unit's maximum, or below 0, is refused naming its line, value and the setting. Percentages are
 *       divided by 100 exactly (decimal point moved), so 35 reads as the double nearest 0.35.
 * </ul>
 *
 * <p>Field mapping (the mapping's column names do not apply; a role whose column name is null is not read):
 * <ul>
 *   <li>patient: {@code subject.reference} ({@code Patient/xyz}, also absolute or versioned URLs, →
 *       {@code xyz}; other references such as {@code urn:uuid:...} kept whole), else
 *       {@code subject.identifier} as {@code system|value}. A subject of another type (Group) is an
 *       error.
 *   <li>encounter: {@code encounter.reference} ({@code Encounter/abc} → {@code abc}). When no line has
 *       an encounter, each patient's scores form one encounter, with opaque ids {@code patient#N}
 *       (N the patient code), so alert simulation still sees one score stream per patient.
 *   <li>time: {@code occurrenceDateTime}, ISO-8601, a value without offset taken in the mapping's zone.
 *   <li>score: the chosen prediction's {@code probabilityDecimal} as a fraction (a probabilityRange is not a score).
 *   <li>label: a RiskAssessment carries a prediction, not the outcome; an observed outcome, when the
 *       producer has joined it, is read from the extension {@value #OUTCOME_URL} (valueBoolean).
 *       Usually absent, so evaluation needs the outcome joined first.
 * </ul>
 * An optional field (encounter, time, label) is present when any resource has it, and then every one must.
 * Attribute columns do not exist in this format; naming any is an error. {@code --score-scale raw} does not apply: a
 * probabilityDecimal is a probability.
 *
 * <p>Limits: an NDJSON line is parsed on its own; a {@code .json} document is read entry by entry (each entry held in
 * memory once), so a large export is best given as NDJSON.
 */
final class FhirNdjsonReader {
  /** Extension on RiskAssessment holding the observed outcome (valueBoolean) for evaluation. */
  static final String OUTCOME_URL = "https://tollgate.dev/fhir/StructureDefinition/observed-outcome";

  static final String SUBJECT = "subject";
  static final String ENCOUNTER = "encounter";
  static final String TIME = "occurrenceDateTime";
  static final String SCORE = "prediction[0].probabilityDecimal";
  static final String LABEL = "extension[observed-outcome].valueBoolean";
  /** The settings, as messages name them. */
  static final String UNIT_SETTING = "--fhir-probability percent|fraction (review.yaml: data.fhir.probability)";
  static final String OUTCOME_SETTING = "--fhir-outcome-code SYSTEM|CODE (review.yaml: data.fhir.outcome_code)";

  /** HAPI's wording for a bad element value: {@code [element="occurrenceDateTime"] Invalid attribute value ...}. */
  private static final Pattern HAPI_UNKNOWN = Pattern.compile("Unknown element '([^']+)' found during parse");
  private static final Pattern HAPI_ELEMENT = Pattern.compile("\\[element=\"([^\"]+)\"\\] (.*)");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final java.math.BigDecimal HUNDRED = java.math.BigDecimal.valueOf(100);

  private static final class Holder {
    static final FhirContext CONTEXT = FhirContext.forR4Cached();
  }

  private final InputSource src;
  private final ColumnMapping mapping;
  private final Need need;
  private final ColumnMapping.Fhir fhir;
  private final IParser parser;
  private final boolean readPatient;
  private final boolean readEncounter;
  private final boolean readTime;
  private final boolean readLabel;

  // Per-resource values; which optional fields exist is known only at the end.
  private String[] encs = new String[64];
  private String[] pats = new String[64];
  private long[] lines = new long[64];
  private long[] epochs = new long[64];
  private double[] scores = new double[64];
  private byte[] labels = new byte[64];
  private int n;
  private long firstWithoutEnc;
  private long firstWithoutTime;
  private long firstWithoutLabel;
  private boolean anyEnc;
  private boolean anyTime;
  private boolean anyLabel;
  /** The largest probabilityDecimal read, where it was (line, column): named when the unit is ambiguous. */
  private double maxRaw = -1;
  private long maxLine;
  private String maxColumn;
  private String maxText;
  private final Map<String, Long> skipped = new LinkedHashMap<>();

  FhirNdjsonReader(InputSource src, ColumnMapping mapping, Need need) {
    this.src = src;
    this.mapping = mapping;
    this.need = need;
    this.fhir = mapping.fhir();
    this.parser = Holder.CONTEXT.newJsonParser();
    // Unknown elements are errors, not silently dropped: a misspelled occurenceDateTime would otherwise leave the row without its time.
    parser.setParserErrorHandler(new ca.uhn.fhir.parser.StrictErrorHandler());
    readPatient = mapping.id() != null;
    readEncounter = mapping.encounter() != null;
    readTime = mapping.time() != null;
    readLabel = mapping.label() != null;
  }

  ScoreTable read(Supplier<String> sha256) {
    if (!mapping.attributes().isEmpty()) {
      throw new BadInputException(src.display, 0, mapping.attributes().get(0),
          "missing; FHIR RiskAssessment input has no attribute columns");
    }
    if (mapping.scoreScale() == ColumnMapping.ScoreScale.RAW) {
      throw new BadInputException(src.display, "--score-scale raw (review.yaml: data.score_scale: raw) does not apply to FHIR"
          + " RiskAssessment input: probabilityDecimal is a probability; say its unit with " + UNIT_SETTING);
    }
    String[] names = {mapping.id(), mapping.encounter(), mapping.time(), mapping.label()};
    Column[] roles = {Column.ID, Column.ENCOUNTER, Column.TIME, Column.LABEL};
    for (int i = 0; i < roles.length; i++) {
      if (names[i] == null && need.requires(roles[i])) {
        throw new BadInputException(src.display, "a " + roles[i].words() + " column is needed but the column mapping names none");
      }
    }
    if (isDocument()) {
      readDocument();
    } else {
      readLines();
    }
    if (n == 0) {
      throw new BadInputException(src.display, skipped.isEmpty() ? "no data rows (no RiskAssessment lines)"
          : "no data rows: every RiskAssessment was skipped (" + skippedWords(skipped) + ")");
    }
    ColumnMapping.ProbabilityUnit unit = unit();
    if (unit == ColumnMapping.ProbabilityUnit.PERCENT) {
      for (int i = 0; i < n; i++) {
        scores[i] = java.math.BigDecimal.valueOf(scores[i]).movePointLeft(2).doubleValue();
      }
    }
    boolean withEnc = requirePresence(anyEnc, firstWithoutEnc, Column.ENCOUNTER, ENCOUNTER, readPatient);
    boolean withTime = requirePresence(anyTime, firstWithoutTime, Column.TIME, TIME, false);
    boolean withLabel = requirePresence(anyLabel, firstWithoutLabel, Column.LABEL, LABEL, false);
    boolean synthetic = !withEnc && readEncounter && readPatient;

    RowTableAssembler rows = new RowTableAssembler(withEnc, readPatient, withTime, withLabel);
    for (int i = 0; i < n; i++) {
      rows.add(lines[i], encs[i], pats[i], epochs[i], scores[i], labels[i]);
    }
    String score = fhir.outcome() == null ? SCORE : "prediction[outcome=" + fhir.outcome() + "].probabilityDecimal";
    ColumnMapping used = new ColumnMapping(readPatient ? SUBJECT : null, withEnc || synthetic ? ENCOUNTER : null,
        withTime ? TIME : null, score, withLabel ? LABEL : null, List.of(), mapping.scoreScale(), mapping.zone(),
        new ColumnMapping.Fhir(unit, fhir.outcome()));
    return rows.build(src.display, SUBJECT, synthetic, sha256.get(), used, skipped);
  }

  /** "2 with status entered-in-error, 1 with status cancelled". */
  static String skippedWords(Map<String, Long> skipped) {
    StringBuilder b = new StringBuilder();
    skipped.forEach((why, k) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(" with ").append(why));
    return b.toString();
  }

  /** The unit the file is read in: the one stated, else R4's percent unless every value fits both units. */
  private ColumnMapping.ProbabilityUnit unit() {
    if (fhir.probability() != null) {
      return fhir.probability();
    }
    if (maxRaw <= 1) {
      throw BadInputException.atLine(src.display, maxLine, maxColumn, maxText + " is the largest probabilityDecimal and every value"
          + " lies within [0, 1], so the unit cannot be told: as FHIR R4 percentages (ras-2) these are risks of at most 1%,"
          + " as fractions up to 100%. Say which with " + UNIT_SETTING);
    }
    return ColumnMapping.ProbabilityUnit.PERCENT;
  }

  /** True when the first non-blank line is not a whole JSON value: a pretty-printed resource or Bundle. */
  private boolean isDocument() {
    try (BufferedReader r = open()) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) continue;
        try (JsonParser p = JSON.getFactory().createParser(line)) {
          JSON.readTree(p);
          return false;
        } catch (com.fasterxml.jackson.core.io.JsonEOFException e) {
          return true;
        } catch (IOException e) {
          return false; // not JSON: the line reader names the line
        }
      }
      return false;
    } catch (IOException e) {
      throw new BadInputException(src.display, "cannot read: " + e.getMessage());
    }
  }

  private BufferedReader open() throws IOException {
    InputStream raw = Files.newInputStream(src.files.get(0));
    InputStream in = src.gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  private void readLines() {
    long lineNo = 0;
    try (BufferedReader r = open()) {
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        if (line.contains("\"Bundle\"")) {
          JsonNode tree;
          try {
            tree = JSON.readTree(line);
          } catch (IOException e) {
            throw BadInputException.atLine(src.display, lineNo, null, "not a FHIR R4 JSON resource (" + firstLine(e.getMessage()) + ")");
          }
          if (tree instanceof ObjectNode o && "Bundle".equals(o.path("resourceType").asText())) {
            ObjectNode shell = o.deepCopy();
            JsonNode entries = shell.remove("entry");
            String type = bundle(shell, lineNo, null);
            if (entries != null) {
              for (int i = 0; i < entries.size(); i++) {
                entry(type, entries.get(i), i, lineNo, null);
              }
            }
            continue;
          }
        }
        resource(parse(line, lineNo, "", null), lineNo, "");
      }
    } catch (IOException e) {
      throw new BadInputException(src.display, "cannot read: " + e.getMessage());
    }
  }

  /** A JSON document: each top-level object a resource or a Bundle, its entries read one at a time with their lines. */
  private void readDocument() {
    try (BufferedReader r = open(); JsonParser p = JSON.getFactory().createParser(r)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        long line = p.currentTokenLocation().getLineNr();
        if (t != JsonToken.START_OBJECT) {
          throw BadInputException.atLine(src.display, line, null, "not a FHIR R4 JSON resource (a JSON object was expected)");
        }
        ObjectNode shell = JSON.createObjectNode();
        Map<String, Long> shellLines = new java.util.HashMap<>();
        List<Object[]> pending = new ArrayList<>(); // {JsonNode entry, Long line, its element lines} before the Bundle's type is known
        String type = null;
        int index = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          shellLines.putIfAbsent(name, (long) p.currentTokenLocation().getLineNr());
          JsonToken v = p.nextToken();
          if ("entry".equals(name) && v == JsonToken.START_ARRAY && !shell.has("entry")) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
              long at = p.currentTokenLocation().getLineNr();
              Map<String, Long> lines = new java.util.HashMap<>();
              JsonNode e = readTracked(p, lines);
              if (type == null && "Bundle".equals(shell.path("resourceType").asText()) && shell.has("type")) {
                type = bundle(shell, line, shellLines);
              }
              if (type != null) {
                entry(type, e, index++, at, lines);
              } else {
                pending.add(new Object[] {e, at, lines});
              }
            }
          } else {
            shell.set(name, readTracked(p, shellLines));
          }
        }
        if (type == null && "Bundle".equals(shell.path("resourceType").asText())) {
          type = bundle(shell, line, shellLines);
        }
        if (type != null) {
          for (Object[] e : pending) {
            @SuppressWarnings("unchecked")
            Map<String, Long> lines = (Map<String, Long>) e[2];
            entry(type, (JsonNode) e[0], index++, (Long) e[1], lines);
          }
        } else {
          if (!pending.isEmpty()) {
            ArrayNode a = shell.putArray("entry");
            pending.forEach(e -> a.add((JsonNode) e[0]));
          }
          for (Object[] e : pending) {
            @SuppressWarnings("unchecked")
            Map<String, Long> lines = (Map<String, Long>) e[2];
            lines.forEach(shellLines::putIfAbsent);
          }
          resource(parse(shell.toString(), line, "", shellLines), line, "");
        }
      }
    } catch (JsonProcessingException e) {
      long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw BadInputException.atLine(src.display, line, null, "not valid JSON (" + firstLine(e.getOriginalMessage()) + ")");
    } catch (IOException e) {
      throw new BadInputException(src.display, "cannot read: " + e.getMessage());
    }
  }

  /**
   * Reads the JSON value at the parser's current token as a tree, noting in {@code lines} the line where each element
   * name first appears, so a problem HAPI reports by element name can name its line.
   */
  private static JsonNode readTracked(JsonParser p, Map<String, Long> lines) throws IOException {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      ObjectNode o = JSON.createObjectNode();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        lines.putIfAbsent(name, (long) p.currentTokenLocation().getLineNr());
        p.nextToken();
        o.set(name, readTracked(p, lines));
      }
      return o;
    }
    if (t == JsonToken.START_ARRAY) {
      ArrayNode a = JSON.createArrayNode();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        a.add(readTracked(p, lines));
      }
      return a;
    }
    return JSON.readTree(p);
  }

  /** Checks a Bundle without its entries (R4's elements only) and returns its type, searchset or collection. */
  private String bundle(ObjectNode shell, long line, Map<String, Long> lines) {
    IBaseResource res = parse(shell.toString(), line, "", lines);
    Bundle b = (Bundle) res;
    Bundle.BundleType type = b.getType();
    if (type != Bundle.BundleType.SEARCHSET && type != Bundle.BundleType.COLLECTION) {
      throw BadInputException.atLine(src.display, line, "type", "a Bundle of type " + (type == null ? "(none)" : type.toCode())
          + " is not read; only searchset and collection Bundles hold RiskAssessments to read");
    }
    return type.toCode();
  }

  /** One Bundle entry, parsed on its own (in a Bundle of the same type) so a problem names its entry and line. */
  private void entry(String type, JsonNode entry, int index, long line, Map<String, Long> lines) {
    String at = "entry[" + index + "]";
    if (!(entry instanceof ObjectNode en)) {
      throw BadInputException.atLine(src.display, line, at, "not a Bundle entry (a JSON object was expected)");
    }
    // The entry's own elements and its resource are parsed apart, so a problem names the one it is in.
    ObjectNode bare = en.deepCopy();
    JsonNode resource = bare.remove("resource");
    if (resource == null) {
      throw BadInputException.atLine(src.display, line, at, "an entry without a resource");
    }
    ObjectNode one = JSON.createObjectNode();
    one.put("resourceType", "Bundle");
    one.put("type", type);
    one.putArray("entry").add(bare);
    Bundle.BundleEntryComponent e = ((Bundle) parse(one.toString(), line, at + ".", lines)).getEntryFirstRep();
    IBaseResource r = parse(resource.toString(), line, at + ".resource.", lines);
    if (r instanceof RiskAssessment ra) {
      resource(ra, line, at + ".resource.");
      return;
    }
    Bundle.SearchEntryMode mode = e.getSearch().getMode();
    if (mode == Bundle.SearchEntryMode.INCLUDE) {
      return; // brought along by _include (a Patient, say): not a match of the search
    }
    if (mode == Bundle.SearchEntryMode.OUTCOME && r instanceof OperationOutcome oo) {
      for (OperationOutcome.OperationOutcomeIssueComponent i : oo.getIssue()) {
        if (i.getSeverity() == OperationOutcome.IssueSeverity.ERROR || i.getSeverity() == OperationOutcome.IssueSeverity.FATAL) {
          throw BadInputException.atLine(src.display, line, at + ".resource", "the server reported an error with this search ("
              + clip(i.getDiagnostics() != null ? i.getDiagnostics() : i.getCode() == null ? "no details" : i.getCode().toCode())
              + "): its results may be incomplete");
        }
      }
      return;
    }
    throw BadInputException.atLine(src.display, line, at + ".resource", "not a RiskAssessment (resourceType " + r.fhirType() + ")");
  }

  /** Reads one RiskAssessment (or skips it by its status); {@code at} prefixes its columns inside a Bundle. */
  private void resource(IBaseResource res, long lineNo, String at) {
    if (!(res instanceof RiskAssessment ra)) {
      throw BadInputException.atLine(src.display, lineNo, null, "not a RiskAssessment (resourceType " + res.fhirType() + ")");
    }
    // R4: a modifier extension changes the meaning of what carries it; a reader that does not know it must not use it.
    if (ra.hasModifierExtension()) {
      throw BadInputException.atLine(src.display, lineNo, at + "modifierExtension", "unknown modifier extension '"
          + clip(ra.getModifierExtension().get(0).getUrl()) + "': it may change what the resource means, so it is not read");
    }
    for (int i = 0; i < ra.getPrediction().size(); i++) {
      if (ra.getPrediction().get(i).hasModifierExtension()) {
        throw BadInputException.atLine(src.display, lineNo, at + "prediction[" + i + "].modifierExtension", "unknown modifier extension '"
            + clip(ra.getPrediction().get(i).getModifierExtension().get(0).getUrl()) + "': it may change what the prediction means, so it is not read");
      }
    }
    RiskAssessment.RiskAssessmentStatus status = ra.getStatus();
    if (status == RiskAssessment.RiskAssessmentStatus.ENTEREDINERROR || status == RiskAssessment.RiskAssessmentStatus.CANCELLED) {
      skipped.merge("status " + status.toCode(), 1L, Long::sum);
      return;
    }
    if (n == scores.length) {
      int cap = n * 2;
      encs = java.util.Arrays.copyOf(encs, cap);
      pats = java.util.Arrays.copyOf(pats, cap);
      lines = java.util.Arrays.copyOf(lines, cap);
      epochs = java.util.Arrays.copyOf(epochs, cap);
      scores = java.util.Arrays.copyOf(scores, cap);
      labels = java.util.Arrays.copyOf(labels, cap);
    }
    lines[n] = lineNo;
    scores[n] = score(ra, lineNo, at);
    if (readPatient) {
      pats[n] = patient(ra, lineNo, at);
    }
    if (readEncounter) {
      encs[n] = referenceId(ra.getEncounter(), "Encounter", at + ENCOUNTER, lineNo);
      if (encs[n] != null) {
        anyEnc = true;
      } else if (firstWithoutEnc == 0) {
        firstWithoutEnc = lineNo;
      }
    }
    if (readTime) {
      Long t = time(ra, lineNo, at);
      if (t != null) {
        anyTime = true;
        epochs[n] = t;
      } else if (firstWithoutTime == 0) {
        firstWithoutTime = lineNo;
      }
    }
    if (readLabel) {
      int l = label(ra, lineNo, at);
      labels[n] = (byte) l;
      if (l >= 0) {
        anyLabel = true;
      } else if (firstWithoutLabel == 0) {
        firstWithoutLabel = lineNo;
      }
    }
    n++;
  }

  /**
   * Whether an optional field is in the table: when any line has it every line must; when no line has
   * it, it is absent unless the command needs it (then the first line is reported) and nothing
   * stands in for it ({@code substituted}: encounters made from patients).
   */
  private boolean requirePresence(boolean any, long firstWithout, Column role, String column, boolean substituted) {
    if (any && firstWithout > 0) {
      throw BadInputException.atLine(src.display, firstWithout, column, "missing (other lines have one)");
    }
    if (!any && need.requires(role) && !substituted) {
      throw BadInputException.atLine(src.display, firstWithout, column, "missing");
    }
    return any;
  }

  /**
   * Parses one resource strictly; a problem HAPI names by element is reported at that element's line when
   * {@code lines} knows it (a pretty-printed document), else at {@code lineNo}.
   */
  private IBaseResource parse(String text, long lineNo, String at, Map<String, Long> lines) {
    try {
      return parser.parseResource(text);
    } catch (RuntimeException e) {
      String msg = firstLine(e.getMessage() == null ? e.toString() : e.getMessage().replaceFirst("^HAPI-\\d+: ", ""));
      Matcher element = HAPI_ELEMENT.matcher(msg);
      if (element.matches()) {
        throw BadInputException.atLine(src.display, lines == null ? lineNo : lines.getOrDefault(element.group(1), lineNo),
            at + element.group(1), "not valid FHIR: " + element.group(2));
      }
      Matcher unknown = HAPI_UNKNOWN.matcher(msg);
      if (unknown.find()) {
        throw BadInputException.atLine(src.display, lines == null ? lineNo : lines.getOrDefault(unknown.group(1), lineNo),
            at + unknown.group(1), "unknown element: FHIR R4 has no such element here (misspelled?)");
      }
      throw BadInputException.atLine(src.display, lineNo, at.isEmpty() ? null : at.substring(0, at.length() - 1),
          "not a FHIR R4 JSON resource (" + msg + ")");
    }
  }

  /** The chosen prediction's probabilityDecimal as written (the unit is applied once the whole file is read). */
  private double score(RiskAssessment ra, long lineNo, String at) {
    List<RiskAssessmentPredictionComponent> ps = ra.getPrediction();
    int chosen;
    if (fhir.outcome() == null) {
      if (ps.isEmpty()) {
        throw BadInputException.atLine(src.display, lineNo, at + SCORE, "missing");
      }
      if (ps.size() > 1) {
        throw BadInputException.atLine(src.display, lineNo, at + "prediction", ps.size() + " predictions (outcomes " + outcomes(ps)
            + "): choose the one to read by its outcome with " + OUTCOME_SETTING);
      }
      chosen = 0;
    } else {
      chosen = -1;
      int matches = 0;
      for (int i = 0; i < ps.size(); i++) {
        if (hasOutcome(ps.get(i))) {
          matches++;
          if (chosen < 0) chosen = i;
        }
      }
      if (matches == 0) {
        throw BadInputException.atLine(src.display, lineNo, at + "prediction", "no prediction has the outcome " + clip(fhir.outcome())
            + " (" + OUTCOME_SETTING.substring(0, OUTCOME_SETTING.indexOf(' ')) + "); the outcomes here: " + outcomes(ps));
      }
      if (matches > 1) {
        throw BadInputException.atLine(src.display, lineNo, at + "prediction", matches + " predictions have the outcome "
            + clip(fhir.outcome()) + " (they may differ by prediction.when); tollgate reads one prediction per RiskAssessment");
      }
    }
    String column = at + "prediction[" + chosen + "].probabilityDecimal";
    RiskAssessmentPredictionComponent p = ps.get(chosen);
    if (!p.hasProbabilityDecimalType() || p.getProbabilityDecimalType().getValue() == null) {
      throw BadInputException.atLine(src.display, lineNo, column,
          p.hasProbabilityRange() ? "missing (a probabilityRange is not a score)" : "missing");
    }
    java.math.BigDecimal v = p.getProbabilityDecimalType().getValue();
    String text = clip(v.toPlainString());
    double s = v.doubleValue();
    if (Double.isInfinite(s)) {
      throw BadInputException.atLine(src.display, lineNo, column, "'" + text + "' is not a finite number");
    }
    if (v.signum() < 0) {
      throw BadInputException.atLine(src.display, lineNo, column, text + " is below 0, so it is not a probability in either unit");
    }
    ColumnMapping.ProbabilityUnit unit = fhir.probability();
    if (unit == ColumnMapping.ProbabilityUnit.FRACTION && v.compareTo(java.math.BigDecimal.ONE) > 0) {
      throw BadInputException.atLine(src.display, lineNo, column, text + " is above 1, the largest fraction (--fhir-probability fraction);"
          + " FHIR R4 defines probabilityDecimal as a percentage (ras-2: at most 100): if the file follows R4, read it with"
          + " --fhir-probability percent (review.yaml: data.fhir.probability: percent)");
    }
    if (v.compareTo(HUNDRED) > 0) {
      throw BadInputException.atLine(src.display, lineNo, column, unit == ColumnMapping.ProbabilityUnit.PERCENT
          ? text + " is above 100, the largest percentage (--fhir-probability percent; FHIR R4 ras-2: probabilityDecimal at most 100)"
          : text + " is above 100, so it is a probability in neither unit (a FHIR R4 percentage is at most 100, ras-2; a fraction"
              + " at most 1); the unit is set with " + UNIT_SETTING);
    }
    if (s > maxRaw) {
      maxRaw = s;
      maxLine = lineNo;
      maxColumn = column;
      maxText = text;
    }
    return s;
  }

  /** Whether one of the prediction's outcome codings is the chosen outcome (system compared only when given). */
  private boolean hasOutcome(RiskAssessmentPredictionComponent p) {
    String system = fhir.outcomeSystem();
    for (Coding c : p.getOutcome().getCoding()) {
      if (!fhir.outcomeCode().equals(c.getCode())) continue;
      if (system == null || (system.isEmpty() ? !c.hasSystem() : system.equals(c.getSystem()))) return true;
    }
    return false;
  }

  /** The predictions' outcome codings, as SYSTEM|CODE, for a message (at most five, each clipped). */
  private static String outcomes(List<RiskAssessmentPredictionComponent> ps) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < ps.size() && out.size() < 5; i++) {
      List<Coding> cs = ps.get(i).getOutcome().getCoding();
      out.add(cs.isEmpty() ? "(none)" : clip((cs.get(0).hasSystem() ? cs.get(0).getSystem() : "") + "|" + cs.get(0).getCode()));
    }
    return String.join(", ", out) + (ps.size() > out.size() ? ", …" : "");
  }

  /** A value from the file, shortened for a message. */
  private static String clip(String s) {
    return s == null ? "" : s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }

  private String patient(RiskAssessment ra, long lineNo, String at) {
    Reference subject = ra.getSubject();
    String id = referenceId(subject, "Patient", at + SUBJECT, lineNo);
    if (id == null && subject.hasIdentifier() && subject.getIdentifier().hasValue()) {
      id = subject.getIdentifier().getSystem() + "|" + subject.getIdentifier().getValue();
    }
    if (id == null) {
      throw BadInputException.atLine(src.display, lineNo, at + SUBJECT, "missing");
    }
    return id;
  }

  /** The id part of a reference of the expected type, the whole reference when it names no type, or null. */
  private String referenceId(Reference ref, String type, String column, long lineNo) {
    if (ref == null || !ref.hasReference()) {
      return null;
    }
    String text = ref.getReference().strip();
    if (text.isEmpty()) {
      return null;
    }
    if (text.startsWith("urn:") || text.startsWith("#")) {
      return text;
    }
    IIdType id = ref.getReferenceElement();
    String actual = id.getResourceType();
    if (actual != null && !actual.equals(type)) {
      throw BadInputException.atLine(src.display, lineNo, column + ".reference", "refers to a " + actual + ", expected a " + type);
    }
    String part = id.getIdPart();
    return part == null || part.isEmpty() ? text : part;
  }

  private Long time(RiskAssessment ra, long lineNo, String at) {
    if (ra.hasOccurrencePeriod()) {
      throw BadInputException.atLine(src.display, lineNo, at + TIME, "missing (an occurrencePeriod is not supported; give occurrenceDateTime)");
    }
    if (!ra.hasOccurrenceDateTimeType()) {
      return null;
    }
    String text = ra.getOccurrenceDateTimeType().getValueAsString();
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Timestamps.parseEpochSecond(text, mapping.zone());
    } catch (DateTimeException e) {
      throw BadInputException.atLine(src.display, lineNo, at + TIME, "'" + clip(text) + "' is not an ISO-8601 timestamp with at least a date");
    }
  }

  /** 0 or 1, or -1 when the line has no outcome extension. */
  private int label(RiskAssessment ra, long lineNo, String at) {
    Extension ext = ra.getExtensionByUrl(OUTCOME_URL);
    if (ext == null) {
      return -1;
    }
    if (ext.getValue() instanceof BooleanType b && b.getValue() != null) {
      return b.booleanValue() ? 1 : 0;
    }
    throw BadInputException.atLine(src.display, lineNo, at + LABEL, "the observed-outcome extension must hold a valueBoolean");
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
