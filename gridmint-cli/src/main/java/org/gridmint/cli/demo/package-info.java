/** {@code gridmint demo}: a whole network in one process, a real job, a provider that dies, and a checked result. */
package org.gridmint.cli.demo;
