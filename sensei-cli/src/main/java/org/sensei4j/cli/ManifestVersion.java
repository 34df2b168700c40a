package org.sensei4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code sensei --version}: the version the build wrote into the jar's manifest ({@code Implementation-Version}, set
 * by the shade plugin from the project version); run from compiled classes (tests, an IDE) there is no manifest.
 */
final class ManifestVersion implements CommandLine.IVersionProvider {

    /** Said when the classes do not come from a jar with a manifest. */
    static final String UNKNOWN = "sensei4j (version unknown: not running from the sensei jar)";

    @Override
    public String[] getVersion() {
        return new String[] {version(SenseiCommand.class.getPackage())};
    }

    /** "sensei4j VERSION" as {@code sensei --version} says it, for the command {@code spec}. */
    static String software(CommandSpec spec) {
        String[] v = spec.root().version();
        return v.length > 0 ? v[0] : "sensei4j";
    }

    static String version(Package p) {
        String v = p == null ? null : p.getImplementationVersion();
        return v == null || v.isBlank() ? UNKNOWN : "sensei4j " + v;
    }
}
