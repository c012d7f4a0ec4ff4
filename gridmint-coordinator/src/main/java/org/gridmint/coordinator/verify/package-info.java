/**
 * Verification of untrusted work (issue 5): each result a provider reports is recorded, compared with the task's other
 * results as its job's spec says (core's {@code Comparator}), and decided by core's {@code VerificationRules}: accepted
 * (the client pays the canonical result; agreeing replicas are paid at cost by the network; losers are rejected,
 * unpaid, slashed and quarantined, and their provider's other unverified results on the job are checked again), sent
 * out for one more replica (never to a provider that ran the task or shares an owner with one that did), or failed
 * without a quorum (nobody slashed). Every verdict is stored with its evidence.
 *
 * <pre>
 *  complete ──▶ Verifier.onResult ──▶ record result ──▶ plan (first result) ──▶ compare ──▶ decide
 *                                                                                         │
 *        Accept: Verdicts.accept (pay, trust, slash, FullCheck) ◀─────────────────────────┤
 *        NeedMore: task PENDING; the claim path places a replica through Exclusions ◀─────┤
 *        NoQuorum: task FAILED, verdict recorded ◀─────────────────────────────────────────┘
 * </pre>
 */
package org.gridmint.coordinator.verify;
