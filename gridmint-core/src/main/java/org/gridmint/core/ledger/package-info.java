/**
 * The ledger's rules, pure: double-entry postings between accounts, idempotent by (kind, reference), a
 * hash-chained journal, what a job holds, pays and refunds, and the audit that checks all of it.
 * Storage lives in the coordinator; the same rules decide there.
 */
package org.gridmint.core.ledger;
