/**
 * The {@code gridmint} command: {@link org.gridmint.cli.Main} and what every subcommand shares (the
 * coordinator connection options, the environment, error reporting). Each feature's commands live in their
 * own package ({@code cli.job}); output formatting lives in {@code cli.format} so it can be tested alone.
 */
package org.gridmint.cli;
