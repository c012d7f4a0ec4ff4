/** {@code gridmint simulate}: runs a churn scenario through gridmint-sim and prints its report. */
package org.gridmint.cli.sim;
