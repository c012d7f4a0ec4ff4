/**
 * The HTTP API under {@code /api/v1}: one route table that both registers the handlers and generates the
 * OpenAPI document, so the document cannot drift from the routes; errors as RFC 9457 problem details.
 */
package org.gridmint.coordinator.http;
