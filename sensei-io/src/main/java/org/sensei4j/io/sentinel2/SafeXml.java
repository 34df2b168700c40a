package org.sensei4j.io.sentinel2;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.sensei4j.error.SenseiException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Reads the XML metadata files of Sentinel-2 products safely (no DTDs, no external entities). */
final class SafeXml {

    private SafeXml() {
    }

    /**
     * Parses a metadata file, namespace-aware.
     *
     * @param give what the user should give instead, for error messages
     */
    static Document read(Path file, String give) {
        DocumentBuilder builder;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            builder = f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser lacks a security feature: " + e.getMessage(), e);
        }
        builder.setErrorHandler(new ErrorHandler() {
            @Override
            public void warning(SAXParseException e) {
                // warnings do not stop parsing
            }

            @Override
            public void error(SAXParseException e) throws SAXException {
                throw e;
            }

            @Override
            public void fatalError(SAXParseException e) throws SAXException {
                throw e;
            }
        });
        try (InputStream in = Files.newInputStream(file)) {
            return builder.parse(in, file.toUri().toString());
        } catch (IOException e) {
            throw new SenseiException("cannot read Sentinel-2 metadata file " + file + ": " + e.getMessage()
                    + ": give the path of " + give, e);
        } catch (SAXParseException e) {
            throw new SenseiException("Sentinel-2 metadata file " + file + " is not well-formed XML (line "
                    + e.getLineNumber() + ": " + e.getMessage() + "): give " + give
                    + " (documents with a DOCTYPE are refused)", e);
        } catch (SAXException e) {
            throw new SenseiException("Sentinel-2 metadata file " + file + " cannot be parsed (" + e.getMessage()
                    + "): give " + give, e);
        }
    }

    /** The child elements of {@code parent} with local name {@code localName}, in document order. */
    static List<Element> children(Element parent, String localName) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(localName(e))) {
                out.add(e);
            }
        }
        return out;
    }

    static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    }
}
