package org.tollgate.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.tollgate.format.Units;

/**
 * The CHAI Applied Model Card as a PDF: the XML instance ({@link ModelCardXml}) laid out as headed sections
 * (text as written, metrics as a table), with the XML itself embedded in the PDF's document information as
 * the custom entries CHAI's schema documentation names: {@code chaiMcXml} (the instance) and
 * {@code chaiMcSoftwareId} (the producing software and its version).
 */
public final class ModelCardPdf {
  private ModelCardPdf() {}

  /** @param xml a {@link ModelCardXml} document @param softwareId e.g. "tollgate 0.1.0" */
  public static byte[] of(String xml, String softwareId, String pageSize) {
    Document doc = parse(xml);
    Element root = doc.getDocumentElement();
    String name = first(root, "ModelName");
    String size = "a4".equalsIgnoreCase(pageSize) ? "A4" : "letter";
    StringBuilder h = new StringBuilder(Html.documentStart(name + " — CHAI Applied Model Card",
        "@page { size: " + size + "; margin: 12mm; } body { font-family: '" + Pdf.FONT_FAMILY + "', sans-serif; font-size: 7.5pt; }"
            + "h1 { font-size: 13pt; margin: 0 0 2pt 0; } h2 { font-size: 9pt; margin: 6pt 0 2pt 0; border-bottom: 0.6pt solid #000; }"
            + "h3 { font-size: 8pt; margin: 4pt 0 1pt 0; } p { margin: 0 0 2pt 0; white-space: pre-wrap; }"
            + "table { border-collapse: collapse; width: 100%; } td, th { border: 0.4pt solid #666; padding: 0.5pt 2pt; font-size: 6.5pt; text-align: left; }"
            + "td.num { text-align: right; } .sub { font-size: 6.5pt; }"));
    h.append("<h1>").append(Html.esc(name)).append("</h1><p class=\"sub\">CHAI Applied Model Card (schema v0.2), written by ").append(Html.esc(softwareId))
        .append(" from a pre-launch review. The XML instance is embedded in this PDF's metadata (chaiMcXml).</p>");
    for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element section)) continue;
      String title = words(section.getLocalName());
      if (section.getLocalName().equals("KeyMetrics")) {
        h.append("<h2>").append(title).append("</h2>");
        for (Node m = section.getFirstChild(); m != null; m = m.getNextSibling()) {
          if (m instanceof Element metric) metric(h, metric);
        }
        continue;
      }
      if (section.getLocalName().equals("Bibliography")) continue;
      h.append("<h2>").append(title).append("</h2>");
      leaves(h, section);
    }
    h.append("</body></html>\n");
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    Pdf.render(h.toString(), raw);
    try (PDDocument pdf = Loader.loadPDF(raw.toByteArray())) {
      pdf.getDocumentInformation().setTitle(name + " — CHAI Applied Model Card");
      pdf.getDocumentInformation().setCustomMetadataValue("chaiMcXml", xml);
      pdf.getDocumentInformation().setCustomMetadataValue("chaiMcSoftwareId", softwareId);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      pdf.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot add the model card's metadata to the PDF: " + e.getMessage(), e);
    }
  }

  private static Document parse(String xml) {
    try {
      javax.xml.parsers.DocumentBuilderFactory f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return f.newDocumentBuilder().parse(new org.xml.sax.InputSource(new java.io.StringReader(xml)));
    } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException | IOException e) {
      throw new IllegalStateException("the model card XML does not parse: " + e.getMessage(), e);
    }
  }

  private static void leaves(StringBuilder h, Element e) {
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element c)) continue;
      boolean leaf = true;
      for (Node x = c.getFirstChild(); x != null; x = x.getNextSibling()) if (x instanceof Element) leaf = false;
      if (leaf) {
        if (c.getLocalName().equals("Keyword")) continue;
        h.append("<h3>").append(words(c.getLocalName())).append("</h3><p>").append(Html.esc(c.getTextContent().strip())).append("</p>");
      } else if (c.getLocalName().equals("Keywords")) {
        java.util.List<String> k = new java.util.ArrayList<>();
        for (Node x = c.getFirstChild(); x != null; x = x.getNextSibling()) if (x instanceof Element) k.add(x.getTextContent());
        h.append("<h3>Keywords</h3><p>").append(Html.esc(String.join(", ", k))).append("</p>");
      } else {
        leaves(h, c);
      }
    }
  }

  private static void metric(StringBuilder h, Element m) {
    h.append("<h3>").append(words(m.getLocalName())).append(": ").append(Html.esc(first(m, "MetricGoal"))).append("</h3>");
    h.append("<table><thead><tr><th>Metric</th><th>Estimate</th><th>95% interval</th><th>Method</th></tr></thead><tbody>");
    for (Node n = m.getElementsByTagNameNS(ModelCardXml.NAMESPACE, "MetricResult").item(0); n != null; n = n.getNextSibling()) {
      if (!(n instanceof Element r)) continue;
      JsonNode v;
      try {
        v = Json.MAPPER.readTree(first(r, "ValueJson"));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("ValueJson is not JSON: " + e.getMessage(), e);
      }
      h.append("<tr><td>").append(Html.esc(first(r, "Label"))).append("</td><td class=\"num\">").append(Html.esc(value(v.path("estimate"))))
          .append("</td><td class=\"num\">").append(v.path("lower").isMissingNode() ? "" : Html.esc(value(v.path("lower")) + " to " + value(v.path("upper"))))
          .append("</td><td>").append(Html.esc(v.path("method").asText(v.path("reason").asText("")))).append("</td></tr>");
    }
    h.append("</tbody></table>");
  }

  private static String value(JsonNode v) {
    if (v.isNumber()) {
      double x = v.asDouble();
      return Units.number(x, Math.abs(x) >= 100 ? 0 : 3);
    }
    return v.isNull() || v.isMissingNode() ? "not available" : v.asText();
  }

  private static String first(Element e, String name) {
    Node n = e.getElementsByTagNameNS(ModelCardXml.NAMESPACE, name).item(0);
    return n == null ? "" : n.getTextContent();
  }

  /** {@code KnownRisksAndLimitations} → "Known risks and limitations". */
  private static String words(String camel) {
    String s = camel.replaceAll("(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ").toLowerCase(Locale.ROOT);
    s = s.replace("ehr", "EHR").replace("ai ", "AI ");
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
