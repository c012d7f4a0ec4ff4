package org.gridmint.api;

import java.util.List;

/**
 * A page of an account's postings, newest first.
 *
 * @param nextBefore pass as {@code before} for the next (older) page; null when this page is the last
 */
public record WalletHistory(String account, List<PostingView> postings, Long nextBefore) {}
