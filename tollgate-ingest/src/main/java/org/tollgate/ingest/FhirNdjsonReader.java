package org.tollgate.ingest;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.DateTimeException;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RiskAssessment;
import org.hl7.fhir.r4.model.RiskAssessment.RiskAssessmentPredictionComponent;
import org.tollgate.data.BadInputException;
import org.tollgate.data.ColumnMapping;
import org.tollgate.data.ScoreTable;
import org.tollgate.ingest.Need.Column;

/**
 * Reads FHIR R4 RiskAssessment resources, one JSON object per line (blank lines skipped, lines
 * counted from 1 including blank ones), with one shared {@link FhirContext}.
 *
 * <p>Field mapping (the mapping's column names do not apply; a role whose column name is null is not
 * read):
 * <ul>
 *   <li>patient: {@code subject.reference} ({@code Patient/xyz}, also absolute or versioned URLs, →
 *       {@code xyz}; other references such as {@code urn:uuid:...} kept whole), else
 *       {@code subject.identifier} as {@code system|value}. A subject of another type (Group) is an
 *       error.
 *   <li>encounter: {@code encounter.reference} ({@code Encounter/abc} → {@code abc}). When no line has
 *       an encounter, each patient's scores form one encounter, with opaque ids {@code patient#N}
 *       (N the patient code), so alert simulation still sees one score stream per patient.
 *   <li>time: {@code occurrenceDateTime}, ISO-8601, a value without offset taken in the mapping's zone.
 *   <li>score: {@code prediction[0].probabilityDecimal} (a probabilityRange is not a score).
 *   <li>label: a RiskAssessment carries a prediction, not the outcome; an observed outcome, when the
 *       producer has joined it, is read from the extension {@value #OUTCOME_URL} (valueBoolean).
 *       Usually absent, so evaluation needs the outcome joined first.
 * </ul>
 * An optional field (encounter, time, label) is present when any line has it, and then every line must.
 * Attribute columns do not exist in this format; naming any is an error.
 */
final class FhirNdjsonReader {
  /** Extension on RiskAssessment holding the observed outcome (valueBoolean) for evaluation. */
  static final String OUTCOME_URL = "https://tollgate.dev/fhir/StructureDefinition/observed-outcome";

  static final String SUBJECT = "subject";
  static final String ENCOUNTER = "encounter";
  static final String TIME = "occurrenceDateTime";
  static final String SCORE = "prediction[0].probabilityDecimal";
  static final String LABEL = "extension[observed-outcome].valueBoolean";

  /** HAPI's wording for a bad element value: {@code [element="occurrenceDateTime"] Invalid attribute value ...}. */
  private static final Pattern HAPI_UNKNOWN = Pattern.compile("Unknown element '([^']+)' found during parse");
  private static final Pattern HAPI_ELEMENT = Pattern.compile("\\[element=\"([^\"]+)\"\\] (.*)");

  private static final class Holder {
    static final FhirContext CONTEXT = FhirContext.forR4Cached();
  }

  private final InputSource src;
  private final ColumnMapping mapping;
  private final Need need;

  FhirNdjsonReader(InputSource src, ColumnMapping mapping, Need need) {
    this.src = src;
    this.mapping = mapping;
    this.need = need;
  }

  ScoreTable read(Supplier<String> sha256) {
    if (!mapping.attributes().isEmpty()) {
      throw new BadInputException(src.display, 0, mapping.attributes().get(0),
          "missing; FHIR RiskAssessment input has no attribute columns");
    }
    String[] names = {mapping.id(), mapping.encounter(), mapping.time(), mapping.label()};
    Column[] roles = {Column.ID, Column.ENCOUNTER, Column.TIME, Column.LABEL};
    for (int i = 0; i < roles.length; i++) {
      if (names[i] == null && need.requires(roles[i])) {
        throw new BadInputException(src.display, "a " + roles[i].words() + " column is needed but the column mapping names none");
      }
    }
    boolean readPatient = mapping.id() != null;
    boolean readEncounter = mapping.encounter() != null;
    boolean readTime = mapping.time() != null;
    boolean readLabel = mapping.label() != null;
    IParser parser = Holder.CONTEXT.newJsonParser();
    // Unknown elements are errors, not silently dropped: a misspelled occurenceDateTime would otherwise leave the row without its time.
    parser.setParserErrorHandler(new ca.uhn.fhir.parser.StrictErrorHandler());

    // First pass keeps per-line values; which optional fields exist is known only at the end.
    String[] encs = new String[64];
    String[] pats = new String[64];
    long[] lines = new long[64];
    long[] epochs = new long[64];
    double[] scores = new double[64];
    byte[] labels = new byte[64];
    int n = 0;
    long firstWithoutEnc = 0;
    long firstWithoutTime = 0;
    long firstWithoutLabel = 0;
    boolean anyEnc = false;
    boolean anyTime = false;
    boolean anyLabel = false;
    long lineNo = 0;
    try (InputStream raw = Files.newInputStream(src.files.get(0));
        InputStream in = src.gzip ? new GZIPInputStream(raw, 1 << 16) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (line.isBlank()) {
          continue;
        }
        RiskAssessment ra = parse(parser, line, lineNo);
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
        scores[n] = score(ra, lineNo);
        if (readPatient) {
          pats[n] = patient(ra, lineNo);
        }
        if (readEncounter) {
          encs[n] = referenceId(ra.getEncounter(), "Encounter", ENCOUNTER, lineNo);
          if (encs[n] != null) {
            anyEnc = true;
          } else if (firstWithoutEnc == 0) {
            firstWithoutEnc = lineNo;
          }
        }
        if (readTime) {
          Long t = time(ra, lineNo);
          if (t != null) {
            anyTime = true;
            epochs[n] = t;
          } else if (firstWithoutTime == 0) {
            firstWithoutTime = lineNo;
          }
        }
        if (readLabel) {
          int l = label(ra, lineNo);
          labels[n] = (byte) l;
          if (l >= 0) {
            anyLabel = true;
          } else if (firstWithoutLabel == 0) {
            firstWithoutLabel = lineNo;
          }
        }
        n++;
      }
    } catch (IOException e) {
      throw new BadInputException(src.display, "cannot read: " + e.getMessage());
    }
    if (n == 0) {
      throw new BadInputException(src.display, "no data rows (no RiskAssessment lines)");
    }
    boolean withEnc = requirePresence(anyEnc, firstWithoutEnc, Column.ENCOUNTER, ENCOUNTER, readPatient);
    boolean withTime = requirePresence(anyTime, firstWithoutTime, Column.TIME, TIME, false);
    boolean withLabel = requirePresence(anyLabel, firstWithoutLabel, Column.LABEL, LABEL, false);
    boolean synthetic = !withEnc && readEncounter && readPatient;

    RowTableAssembler rows = new RowTableAssembler(withEnc, readPatient, withTime, withLabel);
    for (int i = 0; i < n; i++) {
      rows.add(lines[i], encs[i], pats[i], epochs[i], scores[i], labels[i]);
    }
    ColumnMapping used = new ColumnMapping(readPatient ? SUBJECT : null, withEnc || synthetic ? ENCOUNTER : null,
        withTime ? TIME : null, SCORE, withLabel ? LABEL : null, List.of(), mapping.scoreScale(), mapping.zone());
    return rows.build(src.display, SUBJECT, synthetic, sha256.get(), used);
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

  private RiskAssessment parse(IParser parser, String line, long lineNo) {
    IBaseResource res;
    try {
      res = parser.parseResource(line);
    } catch (RuntimeException e) {
      String msg = firstLine(e.getMessage() == null ? e.toString() : e.getMessage().replaceFirst("^HAPI-\\d+: ", ""));
      Matcher element = HAPI_ELEMENT.matcher(msg);
      if (element.matches()) {
        throw BadInputException.atLine(src.display, lineNo, element.group(1), "not valid FHIR: " + element.group(2));
      }
      Matcher unknown = HAPI_UNKNOWN.matcher(msg);
      if (unknown.find()) {
        throw BadInputException.atLine(src.display, lineNo, unknown.group(1), "unknown element: FHIR R4 has no such element here (misspelled?)");
      }
      throw BadInputException.atLine(src.display, lineNo, null, "not a FHIR R4 JSON resource (" + msg + ")");
    }
    if (res instanceof RiskAssessment ra) {
      // R4: a modifier extension changes the meaning of what carries it; a reader that does not know it must not use it.
      if (ra.hasModifierExtension()) {
        throw BadInputException.atLine(src.display, lineNo, "modifierExtension", "unknown modifier extension '"
            + ra.getModifierExtension().get(0).getUrl() + "': it may change what the resource means, so it is not read");
      }
      for (int i = 0; i < ra.getPrediction().size(); i++) {
        if (ra.getPrediction().get(i).hasModifierExtension()) {
          throw BadInputException.atLine(src.display, lineNo, "prediction[" + i + "].modifierExtension", "unknown modifier extension '"
              + ra.getPrediction().get(i).getModifierExtension().get(0).getUrl() + "': it may change what the prediction means, so it is not read");
        }
      }
      return ra;
    }
    throw BadInputException.atLine(src.display, lineNo, null, "not a RiskAssessment (resourceType " + res.fhirType() + ")");
  }

  private double score(RiskAssessment ra, long lineNo) {
    if (!ra.hasPrediction()) {
      throw BadInputException.atLine(src.display, lineNo, SCORE, "missing");
    }
    RiskAssessmentPredictionComponent p = ra.getPrediction().get(0);
    if (!p.hasProbabilityDecimalType() || p.getProbabilityDecimalType().getValue() == null) {
      throw BadInputException.atLine(src.display, lineNo, SCORE,
          p.hasProbabilityRange() ? "missing (a probabilityRange is not a score)" : "missing");
    }
    java.math.BigDecimal v = p.getProbabilityDecimalType().getValue();
    double s = v.doubleValue();
    if (Double.isInfinite(s)) {
      throw BadInputException.atLine(src.display, lineNo, SCORE, "'" + v.toPlainString() + "' is not a finite number");
    }
    if (mapping.scoreScale() == ColumnMapping.ScoreScale.PROBABILITY && (s < 0 || s > 1)) {
      throw BadInputException.atLine(src.display, lineNo, SCORE, v.toPlainString()
          + " is outside [0, 1]; scores that are not probabilities need score scale RAW (--score-scale raw)");
    }
    return s;
  }

  private String patient(RiskAssessment ra, long lineNo) {
    Reference subject = ra.getSubject();
    String id = referenceId(subject, "Patient", SUBJECT, lineNo);
    if (id == null && subject.hasIdentifier() && subject.getIdentifier().hasValue()) {
      id = subject.getIdentifier().getSystem() + "|" + subject.getIdentifier().getValue();
    }
    if (id == null) {
      throw BadInputException.atLine(src.display, lineNo, SUBJECT, "missing");
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

  private Long time(RiskAssessment ra, long lineNo) {
    if (ra.hasOccurrencePeriod()) {
      throw BadInputException.atLine(src.display, lineNo, TIME, "missing (an occurrencePeriod is not supported; give occurrenceDateTime)");
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
      throw BadInputException.atLine(src.display, lineNo, TIME, "'" + text + "' is not an ISO-8601 timestamp with at least a date");
    }
  }

  /** 0 or 1, or -1 when the line has no outcome extension. */
  private int label(RiskAssessment ra, long lineNo) {
    Extension ext = ra.getExtensionByUrl(OUTCOME_URL);
    if (ext == null) {
      return -1;
    }
    if (ext.getValue() instanceof BooleanType b && b.getValue() != null) {
      return b.booleanValue() ? 1 : 0;
    }
    throw BadInputException.atLine(src.display, lineNo, LABEL, "the observed-outcome extension must hold a valueBoolean");
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
