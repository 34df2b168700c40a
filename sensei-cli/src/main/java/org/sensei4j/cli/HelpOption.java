package org.sensei4j.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h, --help} worded as the commands without {@code mixinStandardHelpOptions} (and so without
 * {@code --version}) word it, for use as a picocli {@code @Mixin}.
 */
final class HelpOption {

    @Option(
            names = {"-h", "--help"},
            usageHelp = true,
            description = "Show this help and exit.")
    boolean help;
}
