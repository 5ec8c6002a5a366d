package dev.ptrace.analyze.present;

import java.io.Writer;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * JUnit XML in the Ant junitreport schema that CI servers read: testsuites, each with its
 * (empty) properties, testcases with an optional failure or error, system-out, system-err.
 */
public final class JUnitXml {
    /** A testcase; {@code problem} is null when it passed, else "failure" or "error". */
    public record Case(String name, String classname, String problem, String message,
                       String type, String text) {
    }

    public record Suite(String name, List<Case> cases) {
    }

    private JUnitXml() {
    }

    public static void write(Writer out, List<Suite> suites) {
        String now = LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeCharacters("\n");
            x.writeStartElement("testsuites");
            int id = 0;
            for (Suite s : suites) {
                x.writeCharacters("\n  ");
                x.writeStartElement("testsuite");
                x.writeAttribute("package", "ptrace-analyze");
                x.writeAttribute("id", Integer.toString(id++));
                x.writeAttribute("name", s.name());
                x.writeAttribute("timestamp", now);
                x.writeAttribute("hostname", "ptrace-analyze");
                x.writeAttribute("tests", Integer.toString(s.cases().size()));
                x.writeAttribute("failures", count(s, "failure"));
                x.writeAttribute("errors", count(s, "error"));
                x.writeAttribute("time", "0");
                x.writeCharacters("\n    ");
                x.writeEmptyElement("properties");
                for (Case c : s.cases()) {
                    x.writeCharacters("\n    ");
                    x.writeStartElement("testcase");
                    x.writeAttribute("name", c.name());
                    x.writeAttribute("classname", c.classname());
                    x.writeAttribute("time", "0");
                    if (c.problem() != null) {
                        x.writeStartElement(c.problem());
                        x.writeAttribute("message", c.message());
                        x.writeAttribute("type", c.type());
                        x.writeCharacters(c.text());
                        x.writeEndElement();
                    }
                    x.writeEndElement();
                }
                x.writeCharacters("\n    ");
                x.writeEmptyElement("system-out");
                x.writeCharacters("\n    ");
                x.writeEmptyElement("system-err");
                x.writeCharacters("\n  ");
                x.writeEndElement();
            }
            x.writeCharacters("\n");
            x.writeEndElement();
            x.writeCharacters("\n");
            x.writeEndDocument();
            x.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static String count(Suite s, String problem) {
        return Long.toString(s.cases().stream().filter(c -> problem.equals(c.problem()))
                .count());
    }
}
