package org.gridmint.embed;

/** Where a model runs. */
public enum Device {
    CPU("cpu"),
    CUDA("cuda");

    private final String wireName;

    Device(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
