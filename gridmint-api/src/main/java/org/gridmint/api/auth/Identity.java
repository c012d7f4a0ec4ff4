package org.gridmint.api.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Properties;
import java.util.Set;
import org.gridmint.core.ids.AccountId;

/**
 * A party's Ed25519 key pair and the account id derived from it. Created on first use in a data dir as
 * {@code identity.key} (mode 0600, written to a temporary file and moved into place, so a crash never leaves
 * half a key), and read back on every later start.
 */
public record Identity(KeyPair keys, AccountId account) {
    public static final String FILE = "identity.key";
    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** Reads the identity in {@code dataDir}, creating it (and the dir) when there is none. */
    public static Identity loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        try {
            if (Files.exists(file)) return read(file);
            Files.createDirectories(dataDir);
            Identity created = generate();
            write(created, file);
            return read(file); // whoever won a race to create it, everyone uses the same key
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the identity in " + dataDir, e);
        }
    }

    /** A fresh key pair, in memory only. */
    public static Identity generate() {
        try {
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new Identity(kp, accountOf(kp.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /**
     * The account id of a public key: {@code acct-} and the first 20 bytes of the SHA-256 of its X.509 encoding,
     * in lower-case base32 (32 characters).
     */
    public static AccountId accountOf(PublicKey key) {
        return accountOfX509(key.getEncoded());
    }

    /** The account id of a public key given as its X.509 encoding (what {@link #publicKeyText()} carries). */
    public static AccountId accountOfX509(byte[] x509) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(x509);
            StringBuilder b = new StringBuilder(AccountId.PREFIX).append('-');
            int buffer = 0;
            int bits = 0;
            for (int i = 0; i < 20; i++) {
                buffer = (buffer << 8) | (digest[i] & 0xff);
                bits += 8;
                while (bits >= 5) {
                    b.append(BASE32[(buffer >> (bits - 5)) & 31]);
                    bits -= 5;
                }
            }
            return new AccountId(b.toString());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as sent in requests: base64url of its X.509 encoding, without padding. */
    public String publicKeyText() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(keys.getPublic().getEncoded());
    }

    /** Reads a public key from {@link #publicKeyText()}; a malformed one is an {@link IllegalArgumentException}. */
    public static PublicKey parsePublicKey(String text) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getUrlDecoder().decode(text)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: '" + text + "'");
        }
    }

    private static Identity read(Path file) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        try {
            KeyFactory f = KeyFactory.getInstance("Ed25519");
            PrivateKey priv = f.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(require(p, "private", file))));
            PublicKey pub = f.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(require(p, "public", file))));
            Identity id = new Identity(new KeyPair(pub, priv), accountOf(pub));
            String stated = p.getProperty("account");
            if (stated != null && !stated.equals(id.account().value()))
                throw new IOException(file + " is corrupt: it names account " + stated + " but its key is " + id.account());
            return id;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " does not hold a valid Ed25519 key pair: " + e.getMessage(), e);
        }
    }

    private static String require(Properties p, String key, Path file) throws IOException {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) throw new IOException(file + " lacks its '" + key + "' key");
        return v.strip();
    }

    private static void write(Identity id, Path file) throws IOException {
        String text = "# Gridmint identity: keep this file private (it signs as account " + id.account() + ")\n"
                + "account=" + id.account() + "\n"
                + "public=" + Base64.getEncoder().encodeToString(id.keys().getPublic().getEncoded()) + "\n"
                + "private=" + Base64.getEncoder().encodeToString(id.keys().getPrivate().getEncoded()) + "\n";
        Path tmp = file.resolveSibling(FILE + "." + java.util.UUID.randomUUID() + ".tmp");
        // Created owner-only from the start: the key is never readable by others, not even for a moment.
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try (var ch = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            // A hard link appears atomically and fails if the name exists: a key made first by a racing process is
            // kept, never overwritten (rename would replace it).
            Files.createLink(file, tmp);
        } catch (FileAlreadyExistsException e) {
            // The other process's key wins; ours was never used.
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
