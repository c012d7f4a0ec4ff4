package org.gridmint.coordinator.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The one contract of {@link Store}, run against every database by a subclass that says how to open it
 * (STYLE #8). The behaviours live in the contract interfaces, grouped by table; this class owns the
 * store's life: a fresh, empty database per test, closed after it.
 */
abstract class StoreContractTest implements JobStoreContract, AttemptStoreContract, ProviderStoreContract, AsksStoreContract, TransactionContract,
        LedgerStoreContract, CheckpointStoreContract, BackupStoreContract, VerifyStoreContract, StakeStoreContract, ShardStoreContract,
        GatewayStoreContract, EconomicsStoreContract, ChainStoreContract {
    private Store store;

    /** Opens a store on the current test's database; called again by {@link #reopen()} for the same database. */
    protected abstract Store open();

    @BeforeEach
    void openStore() {
        store = open();
    }

    @AfterEach
    void closeStore() {
        if (store != null) store.close();
    }

    @Override
    public Store store() {
        return store;
    }

    @Override
    public Store reopen() {
        store.close();
        store = open();
        return store;
    }
}
