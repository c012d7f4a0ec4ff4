/** A local anvil chain for tests and benchmarks of other modules (main sources, so their tests can use it). */
package org.gridmint.chain.testing;
