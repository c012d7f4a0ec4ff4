/** {@code gridmint job …}: submit, watch, inspect, cancel jobs and fetch their logs and results. */
package org.gridmint.cli.job;
