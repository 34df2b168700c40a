package org.sensei4j.cli;

import picocli.CommandLine.Option;

/**
 * {@code --threads} of the commands that train the gradient-boosted floor ({@code floor train}, {@code loso}): the
 * threads XGBoost boosts with, for use as a picocli {@code @Mixin}.
 */
final class XgboostThreadsOption {

    @Option(
            names = "--threads",
            paramLabel = "N",
            defaultValue = "1",
            description = "XGBoost threads (default: ${DEFAULT-VALUE})")
    int count;
}
