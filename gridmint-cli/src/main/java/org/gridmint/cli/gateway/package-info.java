/**
 * {@code gridmint apikey} and {@code gridmint infer}: the keys of the OpenAI-compatible gateway, and calls to it from the
 * command line.
 */
package org.gridmint.cli.gateway;
