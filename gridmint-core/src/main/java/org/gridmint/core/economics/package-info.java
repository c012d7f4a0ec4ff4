/**
 * The network token's economics, pure: the emission schedule, epochs, how an epoch's emission is split over verified
 * work, and the Merkle tree that nets an epoch's payouts into one root for on-chain settlement.
 */
package org.gridmint.core.economics;
