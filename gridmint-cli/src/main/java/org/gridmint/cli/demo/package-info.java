/** {@code gridmint demo}: a whole network in one process, a real embedding job, a provider that dies, and semantic search over the vectors. */
package org.gridmint.cli.demo;
