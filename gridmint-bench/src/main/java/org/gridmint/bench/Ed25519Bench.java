package org.gridmint.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.gridmint.api.auth.RequestSignature;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ed25519 signature verification, the JDK's against BouncyCastle's, over the canonical text of a real request
 * (what the coordinator verifies once per signed request). Run one thread to get verifications per second per core.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class Ed25519Bench {
    private byte[] message;
    private byte[] signature;
    private KeyPair keys;
    private Ed25519PublicKeyParameters bcPublic;

    @Setup
    public void setUp() throws GeneralSecurityException {
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        message = RequestSignature.canonical("POST", "/api/v1/attempts/att-0123456789abcdef/complete", 1_764_072_000_000L,
                "n0nce-0123456789abcdef", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855").getBytes(StandardCharsets.UTF_8);
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(keys.getPrivate());
        s.update(message);
        signature = s.sign();
        // The X.509 encoding of an Ed25519 key is a 12-byte header and the 32-byte raw key.
        byte[] x509 = keys.getPublic().getEncoded();
        bcPublic = new Ed25519PublicKeyParameters(x509, x509.length - 32);
        if (!jdkVerify() || !bouncyCastleVerify()) throw new IllegalStateException("the two implementations disagree on a valid signature");
    }

    @Benchmark
    public boolean jdkVerify() throws GeneralSecurityException {
        Signature s = Signature.getInstance("Ed25519");
        s.initVerify(keys.getPublic());
        s.update(message);
        return s.verify(signature);
    }

    @Benchmark
    public boolean bouncyCastleVerify() {
        Ed25519Signer v = new Ed25519Signer();
        v.init(false, bcPublic);
        v.update(message, 0, message.length);
        return v.verifySignature(signature);
    }
}
