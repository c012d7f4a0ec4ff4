package org.gridmint.chain;

import java.math.BigInteger;

/**
 * The settlement contract's constructor parameters: the epoch clock and the emission schedule it enforces on-chain.
 *
 * @param genesisSeconds the unix second epoch 0 starts at
 * @param epochSeconds the length of an epoch in seconds
 * @param initialEmission what each epoch may mint before the first halving, in 18-decimal base units
 * @param halvingEpochs epochs between halvings
 */
public record Deployment(long genesisSeconds, long epochSeconds, BigInteger initialEmission, long halvingEpochs) {
    public Deployment {
        if (genesisSeconds < 0) throw new IllegalArgumentException("genesisSeconds must be >= 0, was " + genesisSeconds);
        if (epochSeconds < 1) throw new IllegalArgumentException("epochSeconds must be >= 1, was " + epochSeconds);
        if (initialEmission == null || initialEmission.signum() < 0 || initialEmission.bitLength() > 256) {
            throw new IllegalArgumentException("initialEmission must be a uint256, was " + initialEmission);
        }
        if (halvingEpochs < 1) throw new IllegalArgumentException("halvingEpochs must be >= 1, was " + halvingEpochs);
    }
}
