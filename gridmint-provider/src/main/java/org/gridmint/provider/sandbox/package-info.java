/**
 * Confinement of untrusted commands. A {@link org.gridmint.provider.sandbox.Sandbox} turns a command, its
 * work dir, environment and limits into a process to start: under bubblewrap (private namespaces, read-only
 * system, no network unless asked) where it exists, plainly otherwise. A
 * {@link org.gridmint.provider.sandbox.Limiter} adds resource limits underneath, by the best means the host
 * allows (cgroups v2, cgroups v1, prlimit), chosen once at start.
 */
package org.gridmint.provider.sandbox;
