package org.sensei4j.cli;

import picocli.CommandLine.Option;

/**
 * {@code --resume} of the commands that train into a config's output_dir ({@code train}, {@code pretrain}), for use
 * as a picocli {@code @Mixin}.
 */
final class ResumeOption {

    @Option(names = "--resume", description = "continue the run in output_dir from its last checkpoint")
    boolean given;
}
