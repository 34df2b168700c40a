/**
 * Leave-one-source-out evaluation ({@code sensei loso}): for each labelled source of a training config (a real
 * data set, or one sensor family of a synthetic data set) the config's model and the gradient-boosted floor are
 * trained without it and evaluated, with the threshold baseline, on it, in one table with bootstrap intervals.
 */
package org.sensei4j.floor.loso;
