/**
 * Gridmint's wire types: the requests and responses of the HTTP API under {@code /api/v1}, as records.
 * Domain types never go on the wire; each view is built from the domain by the coordinator.
 */
package org.gridmint.api;
