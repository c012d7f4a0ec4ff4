/** {@code gridmint network}: the network as a whole, e.g. its economics per epoch. */
package org.gridmint.cli.network;
