package org.gridmint.core.market;

import static org.gridmint.core.CoreFixtures.NOW;

import java.time.Instant;
import org.gridmint.core.CoreFixtures;
import org.gridmint.core.ProviderFixture;
import org.gridmint.core.market.MarketSnapshot.Provider;

/**
 * Builds a {@link Provider}; start from {@link MarketFixtures#provider(String)}. By default it is the core fixture's
 * provider (8 cpus, 16 GB, eu-west, 0.5/h) with one free slot, healthy, last seen at NOW, of reliability 0.9 and speed 1.
 */
public final class MarketProviderFixture {
    private final ProviderFixture offer;
    private int slots = 1;
    private Integer free;
    private double reliability = 0.9;
    private double speed = 1.0;
    private Health health = Health.HEALTHY;
    private Instant lastSeen = NOW;
    private Instant quarantinedUntil;

    MarketProviderFixture(String name) {
        this.offer = CoreFixtures.provider().named(name);
    }

    public MarketProviderFixture asking(String creditsPerHour) {
        offer.asking(creditsPerHour);
        return this;
    }

    /** Asks {@code creditsPerHour} for one resource class ({@code cpu} or {@code gpu:MODEL}); the others ask the price. */
    public MarketProviderFixture asking(String resourceClass, String creditsPerHour) {
        offer.asking(resourceClass, creditsPerHour);
        return this;
    }

    public MarketProviderFixture withCpus(int cpus) {
        offer.withCpus(cpus);
        return this;
    }

    public MarketProviderFixture withMemoryMb(long memoryMb) {
        offer.withMemoryMb(memoryMb);
        return this;
    }

    public MarketProviderFixture withGpu(String model, long memoryMb) {
        offer.withGpu(model, memoryMb);
        return this;
    }

    /** Has {@code credits} staked. */
    public MarketProviderFixture staking(String credits) {
        offer.staking(credits);
        return this;
    }

    /** Serves these models (for embed jobs). */
    public MarketProviderFixture serving(String... models) {
        offer.serving(models);
        return this;
    }

    public MarketProviderFixture inRegion(String region) {
        offer.inRegion(region);
        return this;
    }

    /** This many slots, all free unless {@link #withFreeSlots} says otherwise. */
    public MarketProviderFixture withSlots(int slots) {
        this.slots = slots;
        return this;
    }

    public MarketProviderFixture withFreeSlots(int free) {
        this.free = free;
        this.slots = Math.max(slots, Math.max(free, 1));
        return this;
    }

    public MarketProviderFixture withReliability(double reliability) {
        this.reliability = reliability;
        return this;
    }

    public MarketProviderFixture withSpeed(double speed) {
        this.speed = speed;
        return this;
    }

    /** Not healthy: last seen {@code silentSeconds} before NOW, as health says. */
    public MarketProviderFixture withHealth(Health health, long silentSeconds) {
        this.health = health;
        this.lastSeen = NOW.minusSeconds(silentSeconds);
        return this;
    }

    public MarketProviderFixture quarantinedUntil(Instant until) {
        this.health = Health.QUARANTINED;
        this.quarantinedUntil = until;
        return this;
    }

    public Provider build() {
        return new Provider(offer.withSlots(slots).build(), free == null ? slots : free, new Reputation(reliability, speed, 10), health,
                lastSeen, quarantinedUntil);
    }
}
