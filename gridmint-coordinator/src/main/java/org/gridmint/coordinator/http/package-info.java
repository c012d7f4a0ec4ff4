/**
 * The HTTP API under {@code /api/v1}: one route table that both registers the handlers and generates the
 * OpenAPI document, so the document cannot drift from the routes; errors as RFC 9457 problem details. Every
 * route but the public ones runs behind the {@code Authenticator}, which checks the request's signature and
 * replay, and gives the handler the caller's account; ownership is then the services' to check.
 */
package org.gridmint.coordinator.http;
