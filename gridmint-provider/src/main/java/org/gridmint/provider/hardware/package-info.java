/**
 * What the machine offers: CPUs, memory and GPUs, as the agent advertises them when it registers. A probe
 * that cannot see a GPU says why instead of failing, because a CPU-only provider is still a provider.
 */
package org.gridmint.provider.hardware;
