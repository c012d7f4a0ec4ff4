/**
 * Verification of untrusted work, pure: how two results of a task are compared (digests, or numbers within a
 * tolerance, because honest floating point differs between GPUs), how much a provider is trusted, how many results a
 * task needs and when they form a quorum, and what a caught cheater's slash takes. No I/O: the coordinator and the
 * simulator hand in blob bytes, trust records and random draws.
 *
 * <p>A cosine tolerance is checked per row of a 2-D .npy (each row one item's vector, as an embed job's
 * {@code embeddings.npy}), so a single wrong vector among good ones is caught and named; per file otherwise.
 *
 * <pre>
 * first result ──plan(spec, trust, draw)──▶ TaskVerification(quorum, target, partner)
 * each result ──Comparator.compare──▶ agrees[i][j] ──decide──▶ Accept | NeedMore | NoQuorum
 * Accept with ≥ 2 results: agreeing → Trust.afterAgreement, dissenting → afterDisagreement + SlashTerms.of(stake)
 * </pre>
 */
package org.gridmint.core.verify;
