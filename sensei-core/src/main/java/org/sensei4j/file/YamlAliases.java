package org.sensei4j.file;

import java.io.StringReader;
import org.sensei4j.error.SenseiException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.Event;

/**
 * YAML aliases ({@code &name} / {@code *name}) are refused in our YAML files (sensor files, configs, band maps):
 * Jackson's YAML reader does not expand them (an alias would silently become the text of its name), and refusing
 * them also rules out alias bombs.
 */
public final class YamlAliases {

    private YamlAliases() {}

    /**
     * Throws when {@code text} uses an alias; syntax errors are left to the real parser, which reports them.
     *
     * @param source names the file in the message
     */
    public static void refuse(String text, String source) {
        try {
            for (Event e : new Yaml(new LoaderOptions()).parse(new StringReader(text))) {
                if (e instanceof AliasEvent a) {
                    throw new SenseiException(source + ": YAML alias *" + a.getAnchor() + " at line "
                            + (a.getStartMark().getLine() + 1) + ": aliases (&name, *name) are not supported: write"
                            + " the value out in full");
                }
            }
        } catch (YAMLException e) {
            // not valid YAML: the file's own parser gives the message
        }
    }
}
