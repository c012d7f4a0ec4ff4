package org.gridmint.api;

/** A file by content: its name where it is staged or collected, its SHA-256 (lower-case hex) and its size in bytes. */
public record BlobRef(String name, String sha256, long size) {}
