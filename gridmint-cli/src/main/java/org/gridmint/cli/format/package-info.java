/** Turns wire views into the text the CLI prints: tables, progress lines, failure lines, problems. Pure functions. */
package org.gridmint.cli.format;
