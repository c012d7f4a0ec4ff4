/** {@code gridmint keys}: the Ed25519 identity that signs a client's or provider's requests. */
package org.gridmint.cli.keys;
