package org.sensei4j.io.sentinel2;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Reads the XML metadata files of Sentinel-2 products safely (no DTDs, no external entities). */
final class SafeXml {

    private SafeXml() {}

    /**
     * Parses a metadata file, namespace-aware.
     *
     * @param give what the user should give instead, for error messages
     */
    static Document read(Path file, String give) {
        DocumentBuilder builder = SecureXml.builder(true);
        try (InputStream in = Files.newInputStream(file)) {
            return builder.parse(in, file.toUri().toString());
        } catch (IOException e) {
            throw new SenseiException(
                    "cannot read Sentinel-2 metadata file " + file + ": " + e.getMessage() + ": give the path of "
                            + give,
                    e);
        } catch (SAXParseException e) {
            throw new SenseiException(
                    "Sentinel-2 metadata file " + file + " is not well-formed XML (line "
                            + e.getLineNumber() + ": " + e.getMessage() + "): give " + give
                            + " (documents with a DOCTYPE are refused)",
                    e);
        } catch (SAXException e) {
            throw new SenseiException(
                    "Sentinel-2 metadata file " + file + " cannot be parsed (" + e.getMessage() + "): give " + give, e);
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
