/**
 * The Java SDK for Gridmint: {@link org.gridmint.client.GridmintClient} submits jobs, follows them and
 * fetches their results over the coordinator's HTTP API. Everything outside {@code internal} is public API.
 */
package org.gridmint.client;
