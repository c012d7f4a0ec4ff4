package org.gridmint.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Set;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * secp256k1 private keys for chain accounts (the coordinator's operator key, a provider's or client's wallet): created,
 * read from and written to a key file holding the key as 64 hex digits. Keys are returned as {@code 0x} + 64 lower-case hex.
 */
public final class ChainKeys {
    /** The order of secp256k1: a private key is in [1, N-1]. */
    private static final BigInteger N = new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    private static final SecureRandom RANDOM = new SecureRandom();

    private ChainKeys() {}

    public static String newPrivateKeyHex() {
        BigInteger k;
        do {
            k = new BigInteger(256, RANDOM);
        } while (k.signum() == 0 || k.compareTo(N) >= 0);
        return format(k);
    }

    /** Reads a key file: 64 hex digits, {@code 0x} optional, surrounding whitespace ignored; anything else is a clear error. */
    public static String readKeyFile(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("chain key file " + file + " does not exist (create one with `gridmint chain keygen`)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read chain key file " + file + ": " + e.getMessage(), e);
        }
        try {
            return normalize(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("chain key file " + file + ": " + e.getMessage());
        }
    }

    /** Writes {@code hex} to a new file readable and writable by its owner only; an existing file is never overwritten. */
    public static void writeKeyFile(Path file, String hex) {
        String key = normalize(hex);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
            if (posix) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, key + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            if (posix) Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new IllegalArgumentException("chain key file " + file + " already exists: not overwriting a key");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chain key file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The 0x lower-case address of a private key. */
    public static String addressOf(String privateKeyHex) {
        BigInteger k = new BigInteger(normalize(privateKeyHex).substring(2), 16);
        ECKeyPair pair = new ECKeyPair(k, Sign.publicKeyFromPrivate(k));
        return "0x" + Keys.getAddress(pair).toLowerCase(Locale.ROOT);
    }

    /** {@code 0x} + 64 lower-case hex digits, checked to be a valid secp256k1 private key. */
    static String normalize(String hex) {
        if (hex == null) throw new IllegalArgumentException("a private key is required");
        String h = hex.strip();
        if (h.startsWith("0x") || h.startsWith("0X")) h = h.substring(2);
        if (!h.matches("[0-9a-fA-F]{64}")) {
            throw new IllegalArgumentException("a private key is 64 hex digits (0x optional), got " + h.length() + " characters"
                    + (h.matches("[0-9a-fA-F]*") ? "" : " with non-hex ones"));
        }
        BigInteger k = new BigInteger(h, 16);
        if (k.signum() == 0 || k.compareTo(N) >= 0) throw new IllegalArgumentException("the private key is out of secp256k1's range");
        return format(k);
    }

    private static String format(BigInteger k) {
        return "0x" + String.format("%064x", k);
    }
}
