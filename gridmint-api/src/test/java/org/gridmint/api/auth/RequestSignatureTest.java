package org.gridmint.api.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.gridmint.api.auth.RequestSignature.Verdict;
import org.junit.jupiter.api.Test;

class RequestSignatureTest {
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String BODY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final String NONCE = "n0nce-0123456789abcdef";
    private final Identity alice = Identity.generate();

    private String signed(String method, String path, Instant at, String nonce, String body) {
        return RequestSignature.sign(alice.keys().getPrivate(), RequestSignature.canonical(method, path, at.toEpochMilli(), nonce, body));
    }

    private Verdict check(String method, String path, String body, String key, Instant at, String nonce, String sig) {
        return RequestSignature.check(method, path, body, key, at == null ? null : String.valueOf(at.toEpochMilli()), nonce, sig, NOW);
    }

    @Test
    void validSignature_namesTheSignersAccount() {
        String sig = signed("POST", "/api/v1/jobs?x=1", NOW, NONCE, BODY);
        assertThat(check("POST", "/api/v1/jobs?x=1", BODY, alice.publicKeyText(), NOW, NONCE, sig))
                .isEqualTo(new Verdict.Valid(alice.account()));
    }

    @Test
    void changingAnySignedPart_breaksTheSignature() {
        String sig = signed("POST", "/api/v1/jobs", NOW, NONCE, BODY);
        String key = alice.publicKeyText();
        assertThat(check("PUT", "/api/v1/jobs", BODY, key, NOW, NONCE, sig)).isInstanceOf(Verdict.BadSignature.class);
        assertThat(check("POST", "/api/v1/jobs?all=1", BODY, key, NOW, NONCE, sig)).isInstanceOf(Verdict.BadSignature.class);
        assertThat(check("POST", "/api/v1/jobs", "0".repeat(64), key, NOW, NONCE, sig)).isInstanceOf(Verdict.BadSignature.class);
        assertThat(check("POST", "/api/v1/jobs", BODY, key, NOW.plusMillis(1), NONCE, sig)).isInstanceOf(Verdict.BadSignature.class);
        assertThat(check("POST", "/api/v1/jobs", BODY, key, NOW, NONCE + "x", sig)).isInstanceOf(Verdict.BadSignature.class);
        assertThat(check("POST", "/api/v1/jobs", BODY, Identity.generate().publicKeyText(), NOW, NONCE, sig))
                .as("another key").isInstanceOf(Verdict.BadSignature.class);
    }

    @Test
    void timestampOutsideFiveMinutes_isStale() {
        Instant old = NOW.minus(Duration.ofMinutes(5)).minusMillis(1);
        assertThat(check("GET", "/p", BODY, alice.publicKeyText(), old, NONCE, signed("GET", "/p", old, NONCE, BODY)))
                .isInstanceOf(Verdict.Stale.class);
        Instant future = NOW.plus(Duration.ofMinutes(6));
        assertThat(check("GET", "/p", BODY, alice.publicKeyText(), future, NONCE, signed("GET", "/p", future, NONCE, BODY)))
                .isInstanceOf(Verdict.Stale.class);
        Instant edge = NOW.minus(Duration.ofMinutes(5));
        assertThat(check("GET", "/p", BODY, alice.publicKeyText(), edge, NONCE, signed("GET", "/p", edge, NONCE, BODY)))
                .isInstanceOf(Verdict.Valid.class);
    }

    @Test
    void missingOrMalformedHeaders_nameTheHeader() {
        String sig = signed("GET", "/p", NOW, NONCE, BODY);
        String key = alice.publicKeyText();
        assertThat(check("GET", "/p", BODY, null, NOW, NONCE, sig)).isEqualTo(new Verdict.Malformed(RequestSignature.KEY_HEADER,
                "is missing: the request is not signed"));
        assertThat(check("GET", "/p", BODY, key, null, NONCE, sig)).extracting(v -> ((Verdict.Malformed) v).header())
                .isEqualTo(RequestSignature.TIMESTAMP_HEADER);
        assertThat(check("GET", "/p", BODY, key, NOW, "short", sig)).extracting(v -> ((Verdict.Malformed) v).header())
                .isEqualTo(RequestSignature.NONCE_HEADER);
        assertThat(check("GET", "/p", BODY, key, NOW, NONCE, "%%%")).extracting(v -> ((Verdict.Malformed) v).header())
                .isEqualTo(RequestSignature.SIGNATURE_HEADER);
        assertThat(check("GET", "/p", BODY, "garbage", NOW, NONCE, sig)).extracting(v -> ((Verdict.Malformed) v).header())
                .isEqualTo(RequestSignature.KEY_HEADER);
        assertThat(RequestSignature.check("GET", "/p", BODY, key, "yesterday", NONCE, sig, NOW))
                .extracting(v -> ((Verdict.Malformed) v).header()).isEqualTo(RequestSignature.TIMESTAMP_HEADER);
    }

    @Test
    void bouncyCastleSignature_isTheJdksSignature_andVerifiesEitherWay() throws Exception {
        String canonical = RequestSignature.canonical("POST", "/api/v1/jobs", NOW.toEpochMilli(), NONCE, BODY);
        Signature jdk = Signature.getInstance("Ed25519");
        jdk.initSign(alice.keys().getPrivate());
        jdk.update(canonical.getBytes(StandardCharsets.UTF_8));
        String byJdk = Base64.getUrlEncoder().withoutPadding().encodeToString(jdk.sign());

        String byBouncyCastle = RequestSignature.sign(alice.keys().getPrivate(), canonical);

        assertThat(byBouncyCastle).as("Ed25519 is deterministic").isEqualTo(byJdk);
        Signature verify = Signature.getInstance("Ed25519");
        verify.initVerify(alice.keys().getPublic());
        verify.update(canonical.getBytes(StandardCharsets.UTF_8));
        assertThat(verify.verify(Base64.getUrlDecoder().decode(byBouncyCastle))).isTrue();
        assertThat(check("POST", "/api/v1/jobs", BODY, alice.publicKeyText(), NOW, NONCE, byJdk)).isEqualTo(new Verdict.Valid(alice.account()));
    }

    @Test
    void keyThatIsNotAnX509Ed25519Key_isMalformed() {
        String sig = signed("GET", "/p", NOW, NONCE, BODY);
        byte[] x509 = alice.keys().getPublic().getEncoded();
        byte[] raw = java.util.Arrays.copyOfRange(x509, 12, 44);
        byte[] wrongHeader = x509.clone();
        wrongHeader[8] = 0x71; // the OID of Ed448
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();

        for (String key : new String[] {b64.encodeToString(raw), b64.encodeToString(wrongHeader), "not+base64url", ""})
            assertThat(check("GET", "/p", BODY, key, NOW, NONCE, sig)).as(key).isInstanceOfSatisfying(Verdict.Malformed.class,
                    m -> assertThat(m.header()).isEqualTo(RequestSignature.KEY_HEADER));
    }

    @Test
    void signatureOfTheWrongLength_isMalformed() {
        String sig = signed("GET", "/p", NOW, NONCE, BODY);
        String truncated = sig.substring(0, sig.length() - 4);

        assertThat(check("GET", "/p", BODY, alice.publicKeyText(), NOW, NONCE, truncated)).isInstanceOfSatisfying(Verdict.Malformed.class,
                m -> assertThat(m.why()).contains("64-byte"));
    }

    @Test
    void theAccountOfAVerifiedKey_isTheIdentitysAccount_forManyKeys() {
        for (int i = 0; i < 20; i++) {
            Identity someone = Identity.generate();
            String sig = RequestSignature.sign(someone.keys().getPrivate(), RequestSignature.canonical("GET", "/p", NOW.toEpochMilli(), NONCE, BODY));
            assertThat(check("GET", "/p", BODY, someone.publicKeyText(), NOW, NONCE, sig)).isEqualTo(new Verdict.Valid(someone.account()));
        }
    }
}
