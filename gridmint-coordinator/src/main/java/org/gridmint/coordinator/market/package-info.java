/** The market's coordinator side: snapshots of providers and pending work for core's matcher, and what it said last. */
package org.gridmint.coordinator.market;
