/** The CLI's on-chain side: chain keys, and the deposits and claims a user sends to the settlement contract with its own key. */
package org.gridmint.cli.chain;
