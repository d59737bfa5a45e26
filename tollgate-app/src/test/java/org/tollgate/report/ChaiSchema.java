package org.tollgate.report;

import java.io.StringReader;
import java.net.URL;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.SAXException;

/**
 * CHAI's Applied Model Card schema v0.2 (test resources {@code chai-mc-v0.2/}, copied unchanged with its
 * licence) for the JDK's {@code javax.xml.validation}.
 *
 * <p>The schema imports the W3C XML-signature schema from w3.org for its optional last element
 * {@code ds:Signature}. The build runs offline and has no copy of that schema, so the import is resolved
 * to a stub that declares {@code ds:Signature} as any content. tollgate writes no signature, and the stub
 * declares nothing in CHAI's namespace, so every element the cards do contain is still checked against
 * CHAI's own definitions.
 */
public final class ChaiSchema {
  static final String DSIG = "http://www.w3.org/2000/09/xmldsig#";
  private static final String STUB = "<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" targetNamespace=\"" + DSIG + "\">"
      + "<xs:element name=\"Signature\" type=\"xs:anyType\"/></xs:schema>";
  private static final Schema SCHEMA = load();

  private ChaiSchema() {}

  private static Schema load() {
    try {
      SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setResourceResolver((type, ns, publicId, systemId, base) -> DSIG.equals(ns) ? stub(systemId, base) : null);
      URL xsd = ChaiSchema.class.getResource("/chai-mc-v0.2/schema.xsd");
      if (xsd == null) throw new IllegalStateException("missing test resource chai-mc-v0.2/schema.xsd");
      return f.newSchema(xsd);
    } catch (SAXException e) {
      throw new IllegalStateException("CHAI schema does not load: " + e.getMessage(), e);
    }
  }

  /** Validates an instance document. @throws SAXException naming the first problem, with its line */
  public static void validate(String xml) throws SAXException {
    Validator v = SCHEMA.newValidator();
    try {
      v.validate(new StreamSource(new StringReader(xml)));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static LSInput stub(String systemId, String base) {
    try {
      org.w3c.dom.ls.DOMImplementationLS ls = (org.w3c.dom.ls.DOMImplementationLS) org.w3c.dom.bootstrap.DOMImplementationRegistry.newInstance()
          .getDOMImplementation("LS");
      LSInput in = ls.createLSInput();
      in.setStringData(STUB);
      in.setSystemId(systemId);
      in.setBaseURI(base);
      return in;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }
}
