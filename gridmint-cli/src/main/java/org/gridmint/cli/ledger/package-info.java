/** {@code gridmint ledger}: the operator's audit of the ledger. */
package org.gridmint.cli.ledger;
