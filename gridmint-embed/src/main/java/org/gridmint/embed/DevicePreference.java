package org.gridmint.embed;

/** What the operator asked for: CUDA where the GPU and the CUDA build allow it (AUTO), or one device (failing if it cannot). */
public enum DevicePreference {
    AUTO, CPU, CUDA
}
