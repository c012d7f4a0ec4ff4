/** {@code gridmint wallet}: balances, history and deposits. */
package org.gridmint.cli.wallet;
