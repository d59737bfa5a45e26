package org.tollgate.report.chart;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** Parses chart markup as XML (so a malformed chart fails) and finds elements by tag and class. */
public final class SvgXml {
  private SvgXml() {}

  public static Document parse(String xml) {
    try {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    } catch (Exception e) {
      throw new AssertionError("not well-formed XML: " + e.getMessage() + "\n" + xml.substring(0, Math.min(400, xml.length())), e);
    }
  }

  /** Elements with this local name whose class attribute contains every given class. */
  public static List<Element> find(Node root, String tag, String... classes) {
    List<Element> out = new ArrayList<>();
    NodeList all = root instanceof Document doc ? doc.getElementsByTagNameNS("*", tag) : ((Element) root).getElementsByTagNameNS("*", tag);
    for (int i = 0; i < all.getLength(); i++) {
      Element e = (Element) all.item(i);
      List<String> cls = List.of(e.getAttribute("class").split("\\s+"));
      boolean ok = true;
      for (String c : classes) ok &= cls.contains(c);
      if (ok) out.add(e);
    }
    return out;
  }

  /** Text of the direct-child text elements of each tick group under the element. */
  public static List<String> tickLabels(Element axis) {
    List<String> out = new ArrayList<>();
    for (Element t : find(axis, "g", "tick")) {
      for (Element x : find(t, "text")) out.add(x.getTextContent());
    }
    return out;
  }
}
