/**
 * End-to-end tests of a whole Gridmint network: a coordinator, provider agents running real commands under
 * the sandbox, and clients, either in this JVM ({@code InProcessNetworkIT}) or as separate processes started
 * from the shaded CLI jar, which are killed with SIGKILL to check that jobs survive dead providers and a dead
 * coordinator. Failsafe runs them ({@code *IT}) after {@code package}, passing the jar as the system property
 * {@code gridmint.jar}; each process's stdout and stderr are kept under {@code target/it-logs/CLASS/TEST}.
 * Nothing here waits by sleeping: {@link org.gridmint.cli.it.Eventually} polls for a condition with a
 * generous deadline.
 */
package org.gridmint.cli.it;
