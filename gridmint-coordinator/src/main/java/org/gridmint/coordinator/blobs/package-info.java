/** Content-addressed blobs (job files, results, logs) named by their SHA-256, under the data dir. */
package org.gridmint.coordinator.blobs;
