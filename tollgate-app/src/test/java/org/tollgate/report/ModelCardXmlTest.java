package org.tollgate.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import org.xml.sax.SAXException;

/**
 * The CHAI Applied Model Card XML against CHAI's own schema (v0.2): the validator accepts CHAI's published
 * example and rejects a card without a required element, so a card that passes is valid by CHAI's definition.
 */
class ModelCardXmlTest {

  private static String resource(String name) throws Exception {
    try (InputStream in = ModelCardXmlTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** A card with nothing known: only the use case's id and title, the verdict, and no evidence at all. */
  private static JsonNode emptyCard() throws Exception {
    return Json.MAPPER.readTree("{\"schema\": \"tollgate.chai-model-card/v1\", \"basic_info\": {\"model_name\": \"Triage chatbot\","
        + " \"model_developer\": \"not available\", \"version\": \"not available\", \"contact\": \"not available\"},"
        + " \"release_info\": {\"launch_verdict\": \"NO-GO\", \"fatal_flaw\": \"no fallback\"}, \"key_metrics\": {}}");
  }

  @Test
  void theValidatorAcceptsChaisPublishedExample() throws Exception {
    ChaiSchema.validate(resource("/chai-mc-v0.2/example-Aidoc_AD-01.xml"));
  }

  @Test
  void theValidatorRejectsACardWithoutARequiredElement() throws Exception {
    String xml = ModelCardXml.of(emptyCard());
    String noDeveloper = xml.replaceFirst("(?s)<ModelDeveloper>.*?</ModelDeveloper>", "");
    SAXException e = assertThrows(SAXException.class, () -> ChaiSchema.validate(noDeveloper));
    assertTrue(e.getMessage().contains("DeveloperContact") || e.getMessage().contains("ModelDeveloper"), e.getMessage());
  }

  @Test
  void aCardWithNoEvidenceIsValidAndSaysWhyEachFieldIsMissing() throws Exception {
    String xml = ModelCardXml.of(emptyCard());
    ChaiSchema.validate(xml);
    Matcher m = Pattern.compile("Not available(.{0,3})").matcher(xml);
    int n = 0;
    while (m.find()) {
      assertEquals(": ", m.group(1).substring(0, 2), "every 'Not available' is followed by its reason");
      n++;
    }
    assertTrue(n >= 20, "the empty card says 'Not available: reason' in most fields, found " + n);
    assertTrue(xml.contains("<ModelName>Triage chatbot</ModelName>"), xml);
    assertTrue(xml.contains("Not available: review.yaml gives no model version (use_case.version).</ReleaseVersion>"), xml);
    assertTrue(xml.contains("<Label>none</Label>"), "a metric group without results still has the one result the schema requires");
  }

  @Test
  void textFromTheReviewIsEscapedNotMarkup() throws Exception {
    JsonNode card = Json.MAPPER.readTree("{\"basic_info\": {\"model_name\": \"<b>x</b> & y\"}, \"key_metrics\": {}}");
    String xml = ModelCardXml.of(card);
    ChaiSchema.validate(xml);
    assertTrue(xml.contains("<ModelName>&lt;b&gt;x&lt;/b&gt; &amp; y</ModelName>"), xml);
  }

  /** review r16 #7: the PDF printed "Prevalence: 0.07188888888888889"; a free-form figure has four significant digits. */
  @Test
  void freeFormFiguresAreRoundedNotRawFloats() throws Exception {
    JsonNode card = Json.MAPPER.readTree("{\"trust_ingredients\": {\"data_characterization\": {\"prevalence\": 0.07188888888888889,"
        + " \"observed_days\": 391.7083333333333}}, \"key_metrics\": {}}");
    String xml = ModelCardXml.of(card);
    ChaiSchema.validate(xml);
    assertTrue(xml.contains("Prevalence: 0.07189"), xml);
    assertTrue(xml.contains("Observed days: 391.7"), xml);
    assertFalse(xml.contains("0.0718888"), xml);
  }

  @Test
  void thePdfCarriesTheXmlAndTheSoftwareIdInItsMetadata() throws Exception {
    String xml = ModelCardXml.of(emptyCard());
    byte[] pdf = ModelCardPdf.of(xml, "tollgate 0.1.0", "letter");
    try (PDDocument d = Loader.loadPDF(pdf)) {
      assertEquals(xml, d.getDocumentInformation().getCustomMetadataValue("chaiMcXml"));
      assertEquals("tollgate 0.1.0", d.getDocumentInformation().getCustomMetadataValue("chaiMcSoftwareId"));
      assertTrue(d.getNumberOfPages() >= 1 && d.getNumberOfPages() <= 2, "one or two pages, got " + d.getNumberOfPages());
    }
  }
}
